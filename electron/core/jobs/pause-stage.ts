/**
 * The `paused` stage of one job: BFL accepted (and billed) the task, but our side cannot go on
 * for now — the key is missing or refused, the disk is full, an answer we will not follow. The
 * job waits instead of failing; it is looked at again with a growing delay and goes back to the
 * stage it paused in once the cause is gone (for a missing key: once a key is there again).
 * A person's Resume moves it back at once (`JobRunner.resume`); the short naps here notice that.
 */
import { resumesTo } from '../../../shared/job-states';
import { Backoff, sleep } from './backoff';
import type { JobRow } from './job-row';
import type { WorkerDeps } from './job-worker';

/** How often a paused job looks whether a person resumed it meanwhile. */
const NAP_MS = 1_000;

export class PauseStage {
  private readonly backoff = new Backoff({ baseMs: 2_000, maxMs: 60_000 });

  constructor(
    private readonly d: Pick<WorkerDeps, 'ctx' | 'store' | 'leases' | 'slots' | 'events'>,
    private readonly signal: AbortSignal,
  ) {}

  private nowMs = () => this.d.ctx.now().getTime();
  private nowIso = () => this.d.ctx.now().toISOString();

  pause(row: JobRow, from: 'polling' | 'downloading', error: { code: string; message: string }): void {
    const paused = this.d.store.move(
      row.id,
      from,
      'paused',
      {
        error_code: error.code,
        error_message: error.message,
        polls: row.polls,
        next_attempt_at: this.nowMs() + this.backoff.next(),
      },
      this.nowIso(),
      this.d.leases.owner,
    );
    // A paused task no longer counts against the submit slots.
    if (from === 'polling') this.d.slots.released();
    this.d.ctx.logger.warn('job paused', { job: row.id, from, error });
    this.d.events.changed(paused);
  }

  async whilePaused(row: JobRow): Promise<void> {
    const wait = row.next_attempt_at - this.nowMs();
    if (wait > 0) {
      await sleep(Math.min(wait, NAP_MS), this.signal);
      return;
    }
    const iso = this.nowIso();
    if (row.error_code === 'KEY_MISSING' && !(await this.keyIsBack())) {
      this.d.store.patch(row.id, 'paused', { next_attempt_at: this.nowMs() + this.backoff.next() }, iso);
      return;
    }
    const to = resumesTo(row.result_url !== null);
    const fields = { error_code: null, error_message: null };
    const back = this.d.store.move(row.id, 'paused', to, fields, iso, this.d.leases.owner);
    if (back) this.d.ctx.logger.info('paused job resumes', { job: row.id, to });
    this.d.events.changed(back);
  }

  private async keyIsBack(): Promise<boolean> {
    try {
      return (await this.d.ctx.keys.getKey()) !== null;
    } catch {
      // A keychain that errors is as good as locked.
      return false;
    }
  }
}
