/**
 * The desktop app end to end: a key set in Settings, an image generated against the BFL emulator
 * and shown through `seedbank-asset://`, a quit in the middle of a job and a restart that finishes
 * it without submitting again — and the security an Electron window alone can show. Runs only
 * where an Electron binary is installed (see support.ts); elsewhere the file is skipped with one line.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../../shared/api';
import { eventMethodName } from '../../../shared/bridge';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../../fake-bfl';
import { keyringToolsAvailable, startKeyringSession, type KeyringSession } from '../../support/keyring-session';
import { galleryImage, generate, setKeyInSettings } from '../support/actions';
import {
  SKIP_REASON,
  buildApp,
  launchApp,
  makeHome,
  printSkipReasonOnce,
  quitApp,
  recordExternalLinks,
  type DesktopApp,
} from './support';

printSkipReasonOnce();

const FOX = 'a red fox asleep in fresh snow, soft morning light';
// The emulator holds a task with this marker until `finishTasks()`: a job still in flight at quit.
const LIGHTHOUSE = 'a lighthouse in a winter storm, long exposure [fake:hold-task]';

describe.skipIf(SKIP_REASON !== null)('the desktop app', () => {
  let fake: FakeBfl;
  let home: string;
  let keyring: KeyringSession | null = null;
  let keyEnv: Record<string, string>;
  let desktop: DesktopApp | null = null;

  const launch = async () => {
    desktop = await launchApp({ home, apiBase: fake.apiBase, env: keyEnv });
    return desktop;
  };

  beforeAll(async () => {
    buildApp();
    fake = await startFakeBfl({ taskMs: 300 });
    home = makeHome();
    // A private Secret Service when the tools are there, so the key goes through the real keychain.
    keyring = keyringToolsAvailable() === null ? await startKeyringSession() : null;
    keyEnv = keyring ? { DBUS_SESSION_BUS_ADDRESS: keyring.address } : { BFL_API_KEY: DEFAULT_FAKE_KEY };
  });

  afterAll(async () => {
    await desktop?.app.close().catch(() => undefined);
    await fake?.close();
    await keyring?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  describe('generate, quit mid-job, restart', () => {
    it('sets a key and shows a generated image served by seedbank-asset://', async () => {
      const { page, pageErrors } = await launch();
      if (keyring) await setKeyInSettings(page, DEFAULT_FAKE_KEY);
      await generate(page, FOX);
      const image = galleryImage(page, FOX);
      await image.waitFor({ timeout: 30_000 });
      expect(await image.getAttribute('src')).toMatch(/^seedbank-asset:\/\/library\/(thumbs|images)\//);
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      expect(pageErrors).toEqual([]);
    });

    it('asks before quitting while a job is in flight, and says what is at stake', async () => {
      const { page, app } = desktop ?? (await launch());
      const submitsBefore = fake.submits.length;
      await generate(page, LIGHTHOUSE);
      await expect.poll(() => fake.activeTasks(), { timeout: 20_000 }).toBe(1);
      expect(fake.submits.length).toBe(submitsBefore + 1);
      const prompt = await quitApp(app, home);
      desktop = null;
      expect(prompt).toMatch(/1 image is still being made/);
      expect(prompt).toMatch(/10 minutes/);
    });

    it('after a restart resumes the job without submitting it again, and the library is intact', async () => {
      const submitsBefore = fake.submits.length;
      // The task finishes while the app is closed; its result waits on BFL's side.
      fake.finishTasks();
      const { page, pageErrors } = await launch();
      await galleryImage(page, LIGHTHOUSE).waitFor({ timeout: 30_000 });
      await galleryImage(page, FOX).waitFor();
      expect(fake.submits.length).toBe(submitsBefore);
      expect(pageErrors).toEqual([]);
    });
  });

  describe('security only Electron can show', () => {
    it('the page sees window.seedbank and no Node', async () => {
      const { page } = desktop ?? (await launch());
      const seen = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          require: typeof w.require,
          process: typeof w.process,
          module: typeof w.module,
          Buffer: typeof w.Buffer,
          electron: typeof w.electron,
          ipcRenderer: typeof w.ipcRenderer,
          seedbank: Object.keys(w.seedbank ?? {}).sort(),
        };
      });
      const domains = [...new Set(REQUEST_CHANNELS.map((c) => c.split(':')[0] ?? ''))];
      expect(seen).toEqual({
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
        Buffer: 'undefined',
        electron: 'undefined',
        ipcRenderer: 'undefined',
        seedbank: [...domains, ...EVENT_CHANNELS.map(eventMethodName)].sort(),
      });
    });

    it('refuses navigation away from the app and new windows; https links go to the OS browser', async () => {
      const { page, app } = desktop ?? (await launch());
      const opened = await recordExternalLinks(app);
      const before = page.url();
      expect(before).toMatch(/^seedbank-app:\/\/app\//);
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
      const popups = await page.evaluate(() =>
        [window.open('https://bfl.ai/pricing'), window.open('file:///etc/passwd')].map((w) => w === null),
      );
      expect(popups).toEqual([true, true]);
      expect(app.windows()).toHaveLength(1);
      expect(await opened()).toEqual(['https://bfl.ai/pricing']);
    });

    it('the asset protocol serves library images and refuses traversal', async () => {
      const { app } = desktop ?? (await launch());
      const statuses = await app.evaluate(
        async ({ net }, urls) => Promise.all(urls.map(async (url) => (await net.fetch(url)).status)),
        [
          'seedbank-asset://library/images/%2e%2e/library.db',
          'seedbank-asset://library/images/..%2f..%2flibrary.db',
          'seedbank-asset://library/images/%252e%252e/library.db',
          'seedbank-asset://library/library.db',
          'seedbank-asset://library/settings.json',
          'seedbank-asset://library/images/C:%5CWindows%5Cwin.ini',
          'seedbank-app://app/..%2f..%2fpackage.json',
        ],
      );
      for (const status of statuses) expect([403, 404]).toContain(status);
      const { page } = desktop ?? (await launch());
      const src = await galleryImage(page, FOX).getAttribute('src');
      expect(await app.evaluate(async ({ net }, url) => (await net.fetch(url)).status, src ?? '')).toBe(200);
    });

    it('the page cannot load an image from outside the library, nor any remote one', async () => {
      const { page } = desktop ?? (await launch());
      const loads = await page.evaluate(
        async (urls) => {
          const load = (url: string) =>
            new Promise<boolean>((resolve) => {
              const img = new Image();
              img.onload = () => resolve(true);
              img.onerror = () => resolve(false);
              img.src = url;
            });
          return Promise.all(urls.map(load));
        },
        ['seedbank-asset://library/images/%2e%2e/library.db', 'https://example.com/x.png', 'file:///etc/passwd'],
      );
      expect(loads).toEqual([false, false, false]);
    });
  });
});
