import { describe, expect, it, vi } from 'vitest';
import { EventBus } from './core/events';
import type { Job, JobStatus } from '../shared/types';
import { setupBatchNotifications, summarizeBatch, systemNotifier, type BatchNotice } from './notifications';

function job(id: string, batchId: string, status: JobStatus, extra: Partial<Job> = {}): Job {
  return {
    id,
    batchId,
    status,
    request: { model: 'flux-2-pro', prompt: 'a lighthouse at dusk', params: {}, inputs: [] },
    projectId: null,
    taskId: null,
    cost: null,
    estimatedCost: null,
    progress: null,
    error: null,
    generationId: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    submittedAt: null,
    finishedAt: null,
    ...extra,
  };
}

function harness(background = true) {
  const bus = new EventBus();
  const jobs = new Map<string, Job>();
  const notices: BatchNotice[] = [];
  const state = { background };
  const stop = setupBatchNotifications({
    subscribe: (listener) => bus.subscribe(listener),
    listJobs: async () => [...jobs.values()],
    isWindowInBackground: () => state.background,
    notify: (n) => notices.push(n),
    settleDelayMs: 5,
  });
  const update = (j: Job) => {
    jobs.set(j.id, j);
    bus.emit('jobs:changed', j);
  };
  return { bus, jobs, notices, state, stop, update };
}

describe('batch notifications', () => {
  it('notifies once when the last job of a batch settles in the background', async () => {
    const h = harness();
    h.update(job('a', 'b1', 'polling'));
    h.update(job('b', 'b1', 'polling'));
    h.update(job('a', 'b1', 'done'));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.notices).toEqual([]);
    h.update(job('b', 'b1', 'done'));
    h.update(job('b', 'b1', 'done'));
    await vi.waitFor(() => expect(h.notices).toHaveLength(1));
    h.update(job('a', 'b1', 'done'));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.notices).toEqual([{ title: '2 images ready', body: 'a lighthouse at dusk' }]);
    h.stop();
  });

  it('stays quiet when the window is in front, and does not notify that batch later', async () => {
    const h = harness(false);
    h.update(job('a', 'b2', 'done'));
    await new Promise((r) => setTimeout(r, 20));
    h.state.background = true;
    h.update(job('a', 'b2', 'done'));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.notices).toEqual([]);
  });

  it('ignores other events and jobs still running', async () => {
    const h = harness();
    h.bus.emit('credits:changed', { credits: 3 });
    h.update(job('a', 'b3', 'downloading'));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.notices).toEqual([]);
  });

  it('stops listening when unsubscribed', async () => {
    const h = harness();
    h.stop();
    h.update(job('a', 'b4', 'done'));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.notices).toEqual([]);
  });
});

describe('summarizeBatch', () => {
  it('says how many are ready and what went wrong', () => {
    const failed = job('b', 'x', 'failed', {
      error: { code: 'OUT_OF_CREDITS', message: 'Out of credits: top up at bfl.ai' },
    });
    expect(summarizeBatch([job('a', 'x', 'done'), failed])).toEqual({
      title: '1 of 2 images ready, 1 failed',
      body: 'Out of credits: top up at bfl.ai',
    });
    expect(summarizeBatch([job('a', 'x', 'done')]).title).toBe('1 image ready');
    expect(summarizeBatch([failed]).title).toBe('Batch failed (1 image)');
    expect(summarizeBatch([job('a', 'x', 'cancelled')]).title).toBe('Batch cancelled');
  });

  it('keeps a long prompt to one short line', () => {
    const long = job('a', 'x', 'done', {
      request: { model: 'm', prompt: `line one\n${'word '.repeat(50)}`, params: {}, inputs: [] },
    });
    const { body } = summarizeBatch([long]);
    expect(body.length).toBeLessThanOrEqual(80);
    expect(body).not.toContain('\n');
  });
});

describe('systemNotifier', () => {
  it('shows a notification that focuses the window when clicked', () => {
    const shown: { options: { title: string; body: string }; click?: () => void }[] = [];
    class FakeNotification {
      static supported = true;
      static isSupported() {
        return FakeNotification.supported;
      }
      private readonly record: (typeof shown)[number];
      constructor(options: { title: string; body: string }) {
        this.record = { options };
      }
      on(_event: 'click', listener: () => void) {
        this.record.click = listener;
        return this;
      }
      show() {
        shown.push(this.record);
      }
    }
    const focus = vi.fn();
    systemNotifier(FakeNotification, focus)({ title: '2 images ready', body: 'a cat' });
    expect(shown).toHaveLength(1);
    expect(shown[0]?.options).toEqual({ title: '2 images ready', body: 'a cat' });
    shown[0]?.click?.();
    expect(focus).toHaveBeenCalled();
    FakeNotification.supported = false;
    systemNotifier(FakeNotification, focus)({ title: 'x', body: 'y' });
    expect(shown).toHaveLength(1);
  });
});
