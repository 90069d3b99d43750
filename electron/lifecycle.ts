/**
 * Starting and stopping: one instance at a time (a second launch focuses the first), and a quit
 * that asks first while images are still being made — BFL keeps a finished result for only ten
 * minutes, so a long absence can lose paid-for images — then lets the core finish or park its
 * work (`core.close()`) before the process ends.
 */
import type { App, BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { Logger } from './core/logging/logger';

/** The part of Electron's `app` this file uses (narrowed so stand-ins can play it in tests). */
export interface LifecycleApp extends Pick<App, 'quit'> {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed' | 'second-instance', listener: () => void): unknown;
}

export function acquireSingleInstance(
  app: LifecycleApp & Pick<App, 'requestSingleInstanceLock'>,
  focus: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focus());
  return true;
}

export const QUIT_BUTTON = 0;
export const KEEP_WORKING_BUTTON = 1;

/** What the person is asked when quitting with jobs in flight; null when there is nothing at stake. */
export function quitConfirmation(activeJobs: number): MessageBoxOptions | null {
  if (activeJobs <= 0) return null;
  const images = activeJobs === 1 ? '1 image is' : `${activeJobs} images are`;
  return {
    type: 'warning',
    title: 'Quit Seedbank?',
    message: `${images} still being made.`,
    detail:
      'Seedbank picks unfinished jobs up again the next time it starts, and the credits are already spent. ' +
      'But BFL keeps each finished result for only 10 minutes: an image that finishes while Seedbank is closed for longer than that is lost.',
    buttons: ['Quit', 'Keep Working'],
    defaultId: KEEP_WORKING_BUTTON,
    cancelId: KEEP_WORKING_BUTTON,
    noLink: true,
  };
}

export interface ClosableWindow extends Pick<BrowserWindow, 'close' | 'isDestroyed'> {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface QuitGuardDeps {
  app: LifecycleApp;
  dialog: Pick<Dialog, 'showMessageBox'>;
  getWindow: () => BrowserWindow | null;
  activeJobs: () => number;
  /** Stops the runner (in-flight downloads finish, the rest stay resumable) and closes the database. */
  shutdown: () => Promise<void>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  platform?: NodeJS.Platform;
  /** A shutdown that hangs must not keep the app open forever. */
  shutdownTimeoutMs?: number;
}

export interface QuitGuard {
  /** Watches the window's close: on Windows and Linux closing the last window is quitting. */
  watchWindow(win: ClosableWindow): void;
}

export function setupQuitGuard(deps: QuitGuardDeps): QuitGuard {
  const platform = deps.platform ?? process.platform;
  let confirmed = false;
  let asking: Promise<boolean> | null = null;
  let shuttingDown = false;
  let readyToExit = false;

  const confirmQuit = (): Promise<boolean> => {
    if (confirmed) return Promise.resolve(true);
    const options = quitConfirmation(deps.activeJobs());
    if (!options) return Promise.resolve(true);
    asking ??= (async () => {
      const win = deps.getWindow();
      const parent = win && !win.isDestroyed() ? win : null;
      const { response } = parent
        ? await deps.dialog.showMessageBox(parent, options)
        : await deps.dialog.showMessageBox(options);
      confirmed = response === QUIT_BUTTON;
      asking = null;
      return confirmed;
    })();
    return asking;
  };

  const shutdownWithTimeout = async () => {
    const timeoutMs = deps.shutdownTimeoutMs ?? 15_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([deps.shutdown().then(() => 'closed' as const), timeout]);
      if (outcome === 'timeout') deps.logger.warn('shutdown did not finish in time; quitting anyway', { timeoutMs });
    } catch (error) {
      deps.logger.error('shutdown failed', { error });
    } finally {
      clearTimeout(timer);
    }
  };

  deps.app.on('before-quit', (event) => {
    if (readyToExit) return;
    event.preventDefault();
    if (shuttingDown) return;
    void confirmQuit().then(async (ok) => {
      if (!ok || shuttingDown) return;
      shuttingDown = true;
      deps.logger.info('quitting', { activeJobs: deps.activeJobs() });
      await shutdownWithTimeout();
      readyToExit = true;
      deps.app.quit();
    });
  });

  deps.app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; jobs keep running there.
    if (platform !== 'darwin') deps.app.quit();
  });

  return {
    watchWindow(win) {
      if (platform === 'darwin') return;
      win.on('close', (event) => {
        if (confirmed || shuttingDown || deps.activeJobs() === 0) return;
        event.preventDefault();
        void confirmQuit().then((ok) => {
          if (ok && !win.isDestroyed()) win.close();
        });
      });
    },
  };
}
