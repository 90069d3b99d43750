/**
 * The preload: exposes `window.seedbank`, derived from the contract by `createBridge`, and
 * nothing else. It is bundled into one self-contained CommonJS file because a sandboxed preload
 * can `require` only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_IPC_CHANNEL, type Envelope, type EventChannel } from '../shared/api';
import { createBridge } from '../shared/bridge';

const api = createBridge({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<Envelope<unknown>>,
  subscribe(listener) {
    const handler = (_event: unknown, message: { channel: EventChannel; payload: unknown }) =>
      listener(message.channel, message.payload);
    ipcRenderer.on(EVENT_IPC_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_IPC_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('seedbank', api);
