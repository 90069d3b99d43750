import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_IPC_CHANNEL, REQUEST_CHANNELS, type Envelope, type Handlers } from '../shared/api';
import type { KeyStatus } from '../shared/types';
import { createDispatcher } from './core/contract/dispatch';
import { EventBus } from './core/events';
import { silentLogger } from './core/logging/logger';
import { FOREIGN_SENDER_ERROR, createSenderCheck, forwardEvents, registerIpcHandlers, type IpcMainLike } from './ipc';
import { createAppUrlCheck } from './window';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** A stand-in ipcMain: records handlers and lets the test invoke them like Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener as Handler);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  /** Electron answers an unregistered channel with a rejected invoke. */
  const invoke = async (event: IpcMainInvokeEvent, channel: string, payload: unknown): Promise<Envelope<unknown>> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler(event, payload)) as Envelope<unknown>;
  };
  return { ipcMain, handlers, invoke };
}

const APP_URL = 'seedbank-app://app/index.html';

function windowContents() {
  const mainFrame = { url: APP_URL } as WebFrameMain;
  const sent: { channel: string; message: unknown }[] = [];
  const contents = {
    mainFrame,
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    send: (channel: string, message: unknown) => void sent.push({ channel, message }),
  };
  return { contents: contents as unknown as WebContents & { destroyed: boolean }, mainFrame, sent };
}

function event(sender: unknown, senderFrame: unknown): IpcMainInvokeEvent {
  return { sender, senderFrame } as IpcMainInvokeEvent;
}

function wire(handlers: Partial<Handlers>) {
  const ipc = fakeIpcMain();
  const win = windowContents();
  const warn = vi.fn();
  const remove = registerIpcHandlers({
    ipcMain: ipc.ipcMain,
    dispatch: createDispatcher(handlers, silentLogger),
    isTrustedSender: createSenderCheck(() => win.contents, createAppUrlCheck(null)),
    logger: { ...silentLogger, warn },
  });
  const trusted = event(win.contents, win.mainFrame);
  return { ...ipc, win, warn, remove, trusted };
}

describe('registerIpcHandlers', () => {
  it('registers a handler for every contract channel and removes them again', () => {
    const w = wire({});
    expect([...w.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    w.remove();
    expect(w.handlers.size).toBe(0);
  });

  it('hands a valid call from the window to its handler, with the contract defaults applied', async () => {
    const submit = vi.fn(async () => ({ jobs: [] }));
    const w = wire({ 'jobs:submit': submit });
    const request = { model: 'flux-2-pro', prompt: 'a fox', params: {}, inputs: [] };
    expect(await w.invoke(w.trusted, 'jobs:submit', { request })).toEqual({ result: { jobs: [] } });
    expect(submit).toHaveBeenCalledWith({
      request,
      count: 1,
      seedMode: 'increment',
      projectId: null,
      confirmed: false,
    });
  });

  it('refuses a malformed payload with a structured error naming the field, before the handler runs', async () => {
    const rate = vi.fn(async () => ({ updated: 1 }));
    const w = wire({ 'library:rate': rate });
    const answer = await w.invoke(w.trusted, 'library:rate', { ids: ['a'], rating: 9 });
    expect(answer).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'rating' } });
    expect(await w.invoke(w.trusted, 'library:rate', 'not an object')).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await w.invoke(w.trusted, 'library:rate', { ids: ['a'], rating: 3, extra: true })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(rate).not.toHaveBeenCalled();
  });

  it('has no handler for a channel the contract does not name', async () => {
    const w = wire({});
    await expect(w.invoke(w.trusted, 'fs:readFile', { path: '/etc/passwd' })).rejects.toThrow(/No handler/);
    expect(w.handlers.has('__proto__')).toBe(false);
  });

  it('the dispatcher behind it refuses unknown channels with a structured error', async () => {
    const dispatch = createDispatcher({}, silentLogger);
    expect(await dispatch('fs:readFile', {})).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('toString', {})).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('jobs:list', undefined)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('turns a thrown error into an error envelope with its code', async () => {
    const w = wire({
      'key:test': async () => {
        throw Object.assign(new Error('BFL refused the key'), { code: 'KEY_REJECTED' });
      },
    });
    expect(await w.invoke(w.trusted, 'key:test', undefined)).toEqual({
      error: { code: 'KEY_REJECTED', message: 'BFL refused the key' },
    });
  });

  describe('foreign senders', () => {
    it.each([
      ['another webContents', () => event(windowContents().contents, { url: APP_URL })],
      ['a subframe of the window', (w: ReturnType<typeof wire>) => event(w.win.contents, { url: APP_URL })],
      [
        'the window showing another page',
        (w: ReturnType<typeof wire>) => {
          (w.win.mainFrame as { url: string }).url = 'https://evil.example/';
          return event(w.win.contents, w.win.mainFrame);
        },
      ],
      ['a sender with no frame', (w: ReturnType<typeof wire>) => event(w.win.contents, null)],
    ])('refuses %s without running the handler', async (_name, makeEvent) => {
      const clear = vi.fn(async (): Promise<KeyStatus> => ({
        hasKey: false,
        last4: null,
        source: null,
        keychainAvailable: true,
        message: null,
      }));
      const w = wire({ 'key:clear': clear });
      const answer = await w.invoke(makeEvent(w), 'key:clear', undefined);
      expect(answer).toEqual(FOREIGN_SENDER_ERROR);
      expect(clear).not.toHaveBeenCalled();
      expect(w.warn).toHaveBeenCalled();
    });

    it('refuses everyone when there is no window', async () => {
      const ipc = fakeIpcMain();
      registerIpcHandlers({
        ipcMain: ipc.ipcMain,
        dispatch: createDispatcher({ 'app:info': vi.fn() }, silentLogger),
        isTrustedSender: createSenderCheck(
          () => null,
          () => true,
        ),
        logger: silentLogger,
      });
      expect(await ipc.invoke(event({}, { url: APP_URL }), 'app:info', undefined)).toEqual(FOREIGN_SENDER_ERROR);
    });
  });
});

describe('forwardEvents', () => {
  it('sends every core event to the window on one channel, and stops when unsubscribed', () => {
    const bus = new EventBus();
    const win = windowContents();
    const stop = forwardEvents(bus, () => win.contents);
    bus.emit('credits:changed', { credits: 12 });
    expect(win.sent).toEqual([
      { channel: EVENT_IPC_CHANNEL, message: { channel: 'credits:changed', payload: { credits: 12 } } },
    ]);
    win.contents.destroyed = true;
    bus.emit('credits:changed', { credits: 11 });
    stop();
    win.contents.destroyed = false;
    bus.emit('credits:changed', { credits: 10 });
    expect(win.sent).toHaveLength(1);
  });
});
