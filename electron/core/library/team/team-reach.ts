/**
 * Whether the team library can be reached after start (issue 17 item 5). A sign of trouble — the
 * live-updates connection dropped, an idle pooled connection failed, a query or a result's write
 * failed — makes it ask the server and the shared folder (`probe`); when that fails the library
 * is `away` and the page is told (`library:teamStatus`), and it keeps asking, with backoff, until
 * the probe passes again; then it is `connected`, the page is told, and `onBack` runs (the outbox
 * drains). The live-updates feed reconnects on its own (team-live.ts); its "reload" after a
 * reconnect is one more reason to ask at once rather than at the next backoff step.
 *
 * While connected it also asks now and then (`heartbeatMs`), so a network cut that drops no
 * socket (a cable pulled, a VPN gone) is noticed without waiting for a query to fail.
 */
import type { TeamLibraryStatus } from '../../../../shared/api';
import type { DiagnosticCheck } from '../../../../shared/diagnostics';
import { SeedbankError } from '../../../../shared/errors';
import { Backoff } from '../../jobs/backoff';

export interface TeamReachOptions {
  /** Resolves when the server answers and the shared folder is there; throws with why not. */
  probe: () => Promise<void>;
  /** Every change of state or of the outbox count (the app's bus: `library:teamStatus`). */
  onStatus: (status: TeamLibraryStatus) => void;
  /** After coming back (and after a probe passes while images wait): drain the outbox. */
  onBack: () => Promise<void>;
  onLog: (level: 'info' | 'warn', message: string, detail: Record<string, unknown>) => void;
  now: () => Date;
  /** The shared folder, named in the diagnostics line. */
  folder: string;
  heartbeatMs?: number;
  /** The first wait before asking again while away; it doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** A probe that takes longer than this counts as failed (a network share can hang). */
  probeTimeoutMs?: number;
}

/** The errors that are answers, not silence: the server or the folder replied, so nothing is lost. */
function isAnswer(err: unknown): boolean {
  return err instanceof SeedbankError && (err.code === 'INVALID_INPUT' || err.code === 'NOT_FOUND');
}

export class TeamReach {
  private current: TeamLibraryStatus;
  private checking: Promise<boolean> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private closed = false;

  constructor(private readonly o: TeamReachOptions) {
    this.current = { state: 'connected', since: o.now().toISOString(), reason: null, waiting: 0 };
    this.backoff = new Backoff({ baseMs: o.retryMs ?? 500, maxMs: o.maxRetryMs ?? 5_000 });
    this.scheduleHeartbeat();
  }

  status(): TeamLibraryStatus {
    return { ...this.current };
  }

  get away(): boolean {
    return this.current.state === 'away';
  }

  /** How many images wait in the outbox (told by the outbox after each change). */
  setWaiting(waiting: number): void {
    if (waiting === this.current.waiting) return;
    this.current = { ...this.current, waiting };
    this.o.onStatus(this.status());
  }

  /** A sign of trouble (a dropped connection, a failed write): ask now; true when away. */
  suspect(reason: string): Promise<boolean> {
    // Already away, the backoff loop (and the live feed's reconnect) are asking already.
    if (this.closed || this.away) return Promise.resolve(this.away);
    this.o.onLog('warn', 'team library trouble; checking it can be reached', { reason });
    return this.check();
  }

  /**
   * After a failed call: true when the failure means the team library is away (the probe fails
   * too), false when it was an answer (bad input, not found) or the library still answers.
   */
  async lostOn(err: unknown): Promise<boolean> {
    if (isAnswer(err)) return false;
    return this.suspect(err instanceof Error ? err.message : String(err));
  }

  /** Asks the server and the folder once (one ask at a time); true when away after it. */
  check(): Promise<boolean> {
    this.checking ??= this.probeOnce().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async probeOnce(): Promise<boolean> {
    try {
      await withTimeout(this.o.probe(), this.o.probeTimeoutMs ?? 5_000);
    } catch (err) {
      if (this.closed) return this.away;
      this.wentAway(err instanceof Error ? err.message : String(err));
      return true;
    }
    if (this.closed) return this.away;
    this.cameBack();
    return false;
  }

  private wentAway(reason: string): void {
    if (this.current.state !== 'away') {
      this.current = { state: 'away', since: this.o.now().toISOString(), reason, waiting: this.current.waiting };
      this.o.onLog('warn', 'team library unreachable; results go to the outbox, pages come from the cache', {
        reason,
      });
      this.o.onStatus(this.status());
    }
    this.scheduleRetry();
  }

  private cameBack(): void {
    this.backoff.reset();
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const wasAway = this.current.state === 'away';
    if (wasAway) {
      this.current = {
        state: 'connected',
        since: this.o.now().toISOString(),
        reason: null,
        waiting: this.current.waiting,
      };
      this.o.onLog('info', 'team library reachable again', { waiting: this.current.waiting });
      this.o.onStatus(this.status());
    }
    if (wasAway || this.current.waiting > 0)
      // A drain that fails (the server gone again mid-way) is one more sign of trouble.
      void this.o.onBack().catch((err: unknown) => this.lostOn(err));
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry !== null) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.check();
    }, this.backoff.next());
    this.retry.unref();
  }

  private scheduleHeartbeat(): void {
    const every = this.o.heartbeatMs ?? 30_000;
    if (every <= 0) return;
    this.heartbeat = setInterval(() => {
      if (!this.away) void this.check();
    }, every);
    this.heartbeat.unref();
  }

  /** The diagnostics line for the team library as it is now. */
  diagnostics(): DiagnosticCheck {
    const s = this.current;
    if (s.state === 'connected')
      return {
        id: 'team-library',
        label: 'Team library',
        ok: true,
        detail: `Connected; files in ${this.o.folder}${s.waiting > 0 ? `; ${s.waiting} image(s) moving in from the outbox` : ''}`,
        fix: null,
      };
    return {
      id: 'team-library',
      label: 'Team library',
      ok: false,
      detail: `Unreachable since ${s.since}: ${s.reason ?? 'no answer'}. ${s.waiting} image(s) wait in this computer's outbox; recently seen pages come from the cache`,
      fix: 'Seedbank reconnects by itself and moves the waiting images in; check the network, the database server and the shared folder',
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.checking?.catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
