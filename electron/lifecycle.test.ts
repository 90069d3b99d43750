import { EventEmitter } from 'node:events';
import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from './core/logging/logger';
import { KEEP_WORKING_BUTTON, QUIT_BUTTON, acquireSingleInstance, quitConfirmation, setupQuitGuard } from './lifecycle';

class FakeApp extends EventEmitter {
  quits = 0;
  lock = true;
  requestSingleInstanceLock = () => this.lock;
  quit = () => {
    this.quits++;
    // Electron emits before-quit on every quit() until one is not prevented.
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    this.emit('before-quit', event);
    if (!event.prevented) this.emit('will-quit');
  };
}

class FakeWindow extends EventEmitter {
  destroyed = false;
  closes = 0;
  isDestroyed = () => this.destroyed;
  close = () => {
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    this.closes++;
    this.emit('close', event);
    if (!event.prevented) this.destroyed = true;
  };
}

function guard(options: {
  active: number;
  answer?: number;
  platform?: NodeJS.Platform;
  shutdown?: () => Promise<void>;
  timeoutMs?: number;
}) {
  const app = new FakeApp();
  const win = new FakeWindow();
  const asked: MessageBoxOptions[] = [];
  const state = { active: options.active };
  const shutdown = vi.fn(options.shutdown ?? (async () => {}));
  const exited = vi.fn();
  app.on('will-quit', exited);
  const quitGuard = setupQuitGuard({
    app,
    dialog: {
      showMessageBox: async (...args: unknown[]): Promise<MessageBoxReturnValue> => {
        asked.push(args[args.length - 1] as MessageBoxOptions);
        return { response: options.answer ?? QUIT_BUTTON, checkboxChecked: false };
      },
    },
    getWindow: () => win as unknown as BrowserWindow,
    activeJobs: () => state.active,
    shutdown,
    logger: silentLogger,
    platform: options.platform ?? 'linux',
    shutdownTimeoutMs: options.timeoutMs ?? 1000,
  });
  quitGuard.watchWindow(win);
  return { app, win, asked, state, shutdown, exited };
}

describe('quitConfirmation', () => {
  it('asks only when jobs are in flight and says what is at stake', () => {
    expect(quitConfirmation(0)).toBeNull();
    const options = quitConfirmation(3);
    expect(options?.message).toBe('3 images are still being made.');
    expect(options?.detail).toContain('10 minutes');
    expect(options?.buttons?.[QUIT_BUTTON]).toBe('Quit');
    expect(options?.defaultId).toBe(KEEP_WORKING_BUTTON);
    expect(options?.cancelId).toBe(KEEP_WORKING_BUTTON);
    expect(quitConfirmation(1)?.message).toBe('1 image is still being made.');
  });
});

describe('setupQuitGuard', () => {
  it('quits without asking when nothing is running, after the core has closed', async () => {
    const h = guard({ active: 0 });
    h.app.quit();
    await vi.waitFor(() => expect(h.exited).toHaveBeenCalled());
    expect(h.asked).toEqual([]);
    expect(h.shutdown).toHaveBeenCalledTimes(1);
  });

  it('asks before quitting with jobs in flight and stays when told to keep working', async () => {
    const h = guard({ active: 2, answer: KEEP_WORKING_BUTTON });
    h.app.quit();
    await vi.waitFor(() => expect(h.asked).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(h.shutdown).not.toHaveBeenCalled();
    expect(h.exited).not.toHaveBeenCalled();
  });

  it('closing the last window on Linux asks once, then quits through the same path', async () => {
    const h = guard({ active: 1, answer: QUIT_BUTTON });
    h.app.on('window-all-closed', () => {});
    h.win.close();
    expect(h.win.destroyed).toBe(false);
    await vi.waitFor(() => expect(h.win.destroyed).toBe(true));
    h.app.emit('window-all-closed');
    await vi.waitFor(() => expect(h.exited).toHaveBeenCalled());
    expect(h.asked).toHaveLength(1);
    expect(h.shutdown).toHaveBeenCalledTimes(1);
  });

  it('keeps the window when the person chooses to keep working', async () => {
    const h = guard({ active: 1, answer: KEEP_WORKING_BUTTON });
    h.win.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(h.win.destroyed).toBe(false);
    expect(h.win.closes).toBe(1);
  });

  it('on macOS closing the window neither asks nor quits', async () => {
    const h = guard({ active: 1, platform: 'darwin' });
    h.win.close();
    h.app.emit('window-all-closed');
    await new Promise((r) => setTimeout(r, 10));
    expect(h.asked).toEqual([]);
    expect(h.app.quits).toBe(0);
  });

  it('a shutdown that hangs does not keep the app open', async () => {
    const h = guard({ active: 0, shutdown: () => new Promise(() => {}), timeoutMs: 20 });
    h.app.quit();
    await vi.waitFor(() => expect(h.exited).toHaveBeenCalled());
  });

  it('a second quit while shutting down does not shut down twice', async () => {
    let finish: () => void = () => {};
    const h = guard({ active: 0, shutdown: () => new Promise<void>((r) => (finish = r)) });
    h.app.quit();
    await vi.waitFor(() => expect(h.shutdown).toHaveBeenCalled());
    h.app.quit();
    finish();
    await vi.waitFor(() => expect(h.exited).toHaveBeenCalled());
    expect(h.shutdown).toHaveBeenCalledTimes(1);
  });
});

describe('acquireSingleInstance', () => {
  it('focuses the first instance when a second one starts', () => {
    const app = new FakeApp();
    const focus = vi.fn();
    expect(acquireSingleInstance(app, focus)).toBe(true);
    app.emit('second-instance');
    expect(focus).toHaveBeenCalled();
  });

  it('the second instance quits at once', () => {
    const app = new FakeApp();
    app.lock = false;
    expect(acquireSingleInstance(app, vi.fn())).toBe(false);
    expect(app.quits).toBe(1);
  });
});
