/**
 * Wires the contract to `ipcMain.handle`. Every channel goes through one wrapper that drops
 * calls from any sender other than the app's own window, then hands the payload to the core's
 * dispatcher (which validates it against the contract and answers `{result}` or `{error}`).
 * Only types come from `electron`, so this file is tested under plain Node with a stand-in ipcMain.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_IPC_CHANNEL, REQUEST_CHANNELS, type Envelope } from '../shared/api';
import type { Dispatch } from './core/contract/dispatch';
import { noteFrontDoorRequest } from './core/runtime/front-door-priority';
import type { EventBus } from './core/events';
import type { Logger } from './core/logging/logger';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface IpcWiring {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  /** True only for the app's own window (its webContents and its top frame). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  logger: Logger;
}

export const FOREIGN_SENDER_ERROR: Envelope<never> = {
  error: { code: 'INVALID_INPUT', message: 'Refused: the request did not come from the Seedbank window' },
};

/** Registers every request channel; returns a function that removes them again. */
export function registerIpcHandlers({ ipcMain, dispatch, isTrustedSender, logger }: IpcWiring): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        logger.warn('ipc call from a foreign sender dropped', { channel, url: event.senderFrame?.url ?? null });
        return FOREIGN_SENDER_ERROR;
      }
      noteFrontDoorRequest();
      return dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** A sender is trusted when it is the main window's webContents and its top frame shows our page. */
export function createSenderCheck(getWindowContents: () => WebContents | null, isAppUrl: (url: string) => boolean) {
  return (event: IpcMainInvokeEvent): boolean => {
    const contents = getWindowContents();
    if (!contents || event.sender !== contents) return false;
    const frame = event.senderFrame;
    if (!frame || frame !== contents.mainFrame) return false;
    return isAppUrl(frame.url);
  };
}

/** Forwards every core event to the window. */
export function forwardEvents(bus: EventBus, getWindowContents: () => WebContents | null): () => void {
  return bus.subscribe((channel, payload) => {
    const contents = getWindowContents();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_IPC_CHANNEL, { channel, payload });
  });
}
