/**
 * Live changes from the team database: one connection LISTENs on the channel the change trigger
 * notifies (team-schema.ts), and the ids that arrive together are handed on as one change, so a
 * rating by another workstation reaches this one's `library:changed` within the round trip.
 * A dropped connection is opened again (after a pause, so a server that is down is not hammered);
 * a change made while it was down is not replayed: the gallery reloads on reconnect (`resync`).
 */
import type pg from 'pg';
import type { StoreChange, StoreChangeListener } from '../store/library-store';
import { openClient } from './team-connection';
import { CHANGE_CHANNEL, PROJECTS_NOTICE } from './team-schema';

const RECONNECT_MS = 2_000;

export class ChangeFeed {
  private client: pg.Client | null = null;
  private readonly listeners = new Set<StoreChangeListener>();
  private pending: StoreChange = { added: [], changed: [], removed: [] };
  private flushing = false;
  private closed = false;
  private started: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onTrouble: (message: string) => void = () => undefined,
  ) {}

  /** Resolves once the LISTEN is in place: changes committed after that are seen. */
  subscribe(listener: StoreChangeListener): { ready: Promise<void>; unsubscribe: () => void } {
    this.listeners.add(listener);
    this.started ??= this.connect();
    return { ready: this.started, unsubscribe: () => this.listeners.delete(listener) };
  }

  private async connect(): Promise<void> {
    const client = openClient(this.url);
    client.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload) this.receive(message.payload);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.onTrouble(`Live updates from the team database stopped (${err.message}); reconnecting`);
    this.reconnectLater();
  }

  /** Tries again every RECONNECT_MS until it connects; then tells the listeners to reload. */
  private reconnectLater(): void {
    if (this.closed || this.retry !== null) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.started = this.connect()
        .then(() => this.emit({ added: [], changed: [], removed: [] }))
        .catch((error: unknown) => {
          this.onTrouble(
            `The team database is still unreachable (${error instanceof Error ? error.message : String(error)})`,
          );
          this.reconnectLater();
        });
    }, RECONNECT_MS);
  }

  private receive(payload: string): void {
    const id = payload.slice(1);
    if (payload === PROJECTS_NOTICE) this.pending.projects = true;
    else if (payload.startsWith('+')) this.pending.added.push(id);
    else if (payload.startsWith('-')) this.pending.removed.push(id);
    else this.pending.changed.push(id);
    if (this.flushing) return;
    this.flushing = true;
    // Notifications of one commit arrive together: hand them on as one change.
    setImmediate(() => {
      this.flushing = false;
      // A row added and edited in one batch is new to the listener; one gone is gone.
      const removed = new Set(this.pending.removed);
      const added = new Set(this.pending.added.filter((id) => !removed.has(id)));
      const change = {
        added: [...added],
        changed: [...new Set(this.pending.changed)].filter((id) => !added.has(id) && !removed.has(id)),
        removed: [...removed],
        ...(this.pending.projects ? { projects: true } : {}),
      };
      this.pending = { added: [], changed: [], removed: [] };
      this.emit(change);
    });
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.started?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
