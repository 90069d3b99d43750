/**
 * The built desktop app under Playwright's `_electron`, against the BFL emulator and a temporary
 * library folder. These tests need an Electron binary that is already installed: one named by
 * `ELECTRON_OVERRIDE_DIST_PATH`, or the one `node_modules/electron/path.txt` names under
 * `node_modules/electron/dist/`. Nothing here runs `electron` to find out — the `electron`
 * package's own entry downloads a binary when it is missing, so it is never required.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { makeTempDir } from '../../support/temp';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The installed Electron executable, or why there is none. Never runs or requires `electron`. */
function installedElectron(env: NodeJS.ProcessEnv, root: string): { executable: string } | { skip: string } {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, relative || 'electron');
    if (fs.existsSync(executable)) return { executable };
    return { skip: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} does not exist` };
  }
  const hint = 'set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron';
  if (!relative) return { skip: `no Electron binary installed (node_modules/electron/path.txt is missing; ${hint})` };
  const dist = path.join(root, 'node_modules', 'electron', 'dist');
  const executable = path.resolve(dist, relative);
  if (!executable.startsWith(dist + path.sep) || !fs.existsSync(executable)) {
    return { skip: `no Electron binary installed (${path.relative(root, executable)} does not exist; ${hint})` };
  }
  return { executable };
}

/** The Electron executable, or why the tests cannot run here (printed once, and they are skipped). */
export function findElectron(
  env: NodeJS.ProcessEnv = process.env,
  root = ROOT,
): { executable: string } | { skip: string } {
  const found = installedElectron(env, root);
  if ('skip' in found) return found;
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { skip: 'no display for Electron (run under xvfb-run, or set DISPLAY)' };
  }
  return found;
}

const found = findElectron();
/** Why the Electron tests are skipped here, or null when they run. Printed once per run. */
export const SKIP_REASON: string | null = 'skip' in found ? found.skip : null;
let skipPrinted = false;
export function printSkipReasonOnce(): void {
  if (SKIP_REASON && !skipPrinted) {
    skipPrinted = true;
    console.log(`Electron end-to-end tests skipped: ${SKIP_REASON}`);
  }
}

let built = false;
/** Builds main, preload and renderer into out/ once per run. */
export function buildApp(): void {
  if (built) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  built = true;
}

export function makeHome(): string {
  return makeTempDir('seedbank-electron-e2e-');
}

export interface DesktopApp {
  app: ElectronApplication;
  page: Page;
  /** Uncaught errors in the window. */
  pageErrors: string[];
}

export interface LaunchOptions {
  home: string;
  apiBase: string;
  /** Extra environment: a private D-Bus session for the keychain, or `BFL_API_KEY` without one. */
  env?: Record<string, string>;
}

export async function launchApp(options: LaunchOptions): Promise<DesktopApp> {
  if ('skip' in found) throw new Error(found.skip);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  // Never a dev server: the tests run the built renderer through seedbank-app://.
  delete env.ELECTRON_RENDERER_URL;
  delete env.BFL_API_KEY;
  Object.assign(
    env,
    { SEEDBANK_HOME: options.home, SEEDBANK_API_BASE: options.apiBase, NODE_ENV: 'production' },
    options.env,
  );
  const app = await _electron.launch({
    executablePath: found.executable,
    args: [ROOT],
    env,
    cwd: ROOT,
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.waitForLoadState('domcontentloaded');
  return { app, page, pageErrors };
}

/**
 * Quits the way a person does (Cmd/Ctrl+Q), answering the "jobs are still running" question with
 * Quit; returns the question's text when one was asked. The stub writes the question to a file,
 * because the process is gone by the time the test could ask for it.
 */
export async function quitApp(app: ElectronApplication, home: string): Promise<string | null> {
  const promptFile = path.join(home, `quit-prompt-${Date.now()}.txt`);
  await app.evaluate(({ dialog }, file) => {
    const answerQuit = async (...args: unknown[]) => {
      const options = args[args.length - 1] as { message?: string; detail?: string };
      process.getBuiltinModule('node:fs').writeFileSync(file, `${options.message ?? ''} ${options.detail ?? ''}`);
      return { response: 0, checkboxChecked: false };
    };
    dialog.showMessageBox = answerQuit;
  }, promptFile);
  const closed = new Promise<void>((resolve) => app.once('close', () => resolve()));
  await app.evaluate(({ app: electronApp }) => {
    setTimeout(() => electronApp.quit(), 0);
  });
  await closed;
  if (!fs.existsSync(promptFile)) return null;
  const prompt = fs.readFileSync(promptFile, 'utf8');
  fs.rmSync(promptFile);
  return prompt;
}

/** Makes shell.openExternal record instead of starting the OS browser; returns a reader. */
export async function recordExternalLinks(app: ElectronApplication): Promise<() => Promise<string[]>> {
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __seedbankOpened?: string[] }).__seedbankOpened = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
  return () => app.evaluate(() => (globalThis as { __seedbankOpened?: string[] }).__seedbankOpened ?? []);
}
