/**
 * The core's event bus: every contract event passes through here on its way to the window,
 * the WebSocket clients and the CLI.
 */
import type { EventChannel, EventPayload } from '../../shared/api';

export type EventListener = (channel: EventChannel, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(channel, payload);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
