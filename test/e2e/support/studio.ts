/**
 * One studio for a test file: the BFL emulator, the web host (child process, temp home) and a
 * Chromium page on the host's address. `close()` stops all three and removes the temp home.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import type { Settings } from '../../../shared/types';
import { createFileLogger } from '../../../electron/core/logging/logger';
import { createSettingsService } from '../../../electron/core/settings/settings-service';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl, type FakeBflOptions } from '../../fake-bfl';
import { launchChromium } from './browser';
import { buildStudio } from './build';
import { startHostProcess, type HostProcess } from './web-host-process';
import { makeTempDir, removeTempDir } from '../../support/temp';

export { DEFAULT_FAKE_KEY };

export interface Studio {
  fake: FakeBfl;
  host: HostProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  home: string;
  /** Uncaught page errors and console errors, to assert none happened. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface StudioOptions {
  fake?: FakeBflOptions;
  /** Point the host at this API base instead of the emulator (e.g. a closed port: offline). */
  apiBase?: string;
  viewport?: { width: number; height: number };
  /** Extra environment for the web host (e.g. SEEDBANK_KEYCHAIN=none: no keychain at all). */
  hostEnv?: Record<string, string>;
  /** Settings written before the host starts (those the core reads once at start, e.g. which library). */
  settingsAtStart?: Partial<Settings>;
}

export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  buildStudio();
  const fake = await startFakeBfl({ taskMs: 400, ...options.fake });
  const home = makeTempDir('seedbank-e2e-');
  if (options.settingsAtStart) {
    const logger = createFileLogger({ directory: path.join(home, 'logs') });
    createSettingsService({ directory: home, env: {}, logger }).update(options.settingsAtStart);
  }
  const host = await startHostProcess({
    home,
    apiBase: options.apiBase ?? fake.apiBase,
    ...(options.hostEnv ? { extra: options.hostEnv } : {}),
  });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  // Generation itself takes ~5 s through the runner's first poll; nothing else should take long.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // console.error from the page, React's warnings and the browser's own (a refused CSP source, a
  // failed load) count too: a test that expects none should see them.
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  await page.goto(host.url);
  return {
    fake,
    host,
    browser,
    context,
    page,
    home,
    pageErrors,
    async close() {
      await browser.close().catch(() => undefined);
      await host.stop();
      await fake.close();
      removeTempDir(home);
    },
  };
}
