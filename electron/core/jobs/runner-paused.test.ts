/**
 * Trouble on our side after BFL accepted (and billed) a task — the key gone from the keychain or
 * refused, a full disk — pauses the job; it never fails it, and the paid image arrives once the
 * cause is gone (by itself, or when a person presses Resume).
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_KEY, type FakeBfl } from '../../../test/fake-bfl';
import { stopsWaiting, type JobStatus } from '../../../shared/job-states';
import { parkedFile } from './download-step';
import {
  closeEmulatorCore,
  kleinRequest,
  openEmulatorCore,
  openTestCore,
  until,
  type TestCore,
} from '../../../test/support/jobs-test-harness';

let fake: FakeBfl;
let t: TestCore;
const homes: string[] = [];

beforeEach(async () => {
  ({ fake, t } = await openEmulatorCore());
  homes.push(t.home);
});

afterEach(async () => {
  await closeEmulatorCore({ fake, t });
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

const statusOf = (id: string): JobStatus | undefined => t.core.runner.store.get(id)?.status;
const settledOrPaused = (id: string) => () => stopsWaiting(statusOf(id) ?? 'queued');

function diskFull(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

async function submitOne(prompt: string): Promise<string> {
  const { jobs } = await t.call('jobs:submit', { request: kleinRequest(prompt) });
  return jobs[0]!.id;
}

describe('poll errors after acceptance pause the job', { timeout: 60_000 }, () => {
  it('pauses (never fails) when BFL refuses the key mid-poll, and finishes once the key is accepted again', async () => {
    fake.setNext({ kind: 'slow', taskMs: 1_500 });
    const id = await submitOne('a lighthouse, key refused mid-poll');
    await until(() => statusOf(id) === 'polling', 'polling');
    fake.keys.delete(DEFAULT_FAKE_KEY);
    await until(settledOrPaused(id), 'paused or ended');
    const paused = t.core.runner.store.get(id)!;
    expect(paused.status).toBe('paused');
    expect(paused.task_id).toBeTruthy();
    expect(paused.error_message).toMatch(/resume/i);
    fake.keys.add(DEFAULT_FAKE_KEY);
    await until(() => statusOf(id) === 'done', 'done after the key is back', 30_000);
    expect(fake.submits).toHaveLength(1);
  });

  it('pauses while the keychain gives no key, resumes by itself when it is back', async () => {
    fake.setNext({ kind: 'slow', taskMs: 1_500 });
    const id = await submitOne('a lighthouse, keychain locked');
    await until(() => statusOf(id) === 'polling', 'polling');
    const keys = t.core.ctx.keys;
    const realGetKey = keys.getKey.bind(keys);
    let locked = true;
    keys.getKey = async () => (locked ? null : realGetKey());
    await until(settledOrPaused(id), 'paused or ended');
    expect(statusOf(id)).toBe('paused');
    expect(t.core.runner.store.get(id)!.error_code).toBe('KEY_MISSING');
    const [waited] = await t.core.runner.waitFor([id]);
    expect(waited?.status).toBe('paused');
    locked = false;
    await until(() => statusOf(id) === 'done', 'done after the keychain unlocks', 30_000);
  });

  it('resumes at once when a person presses Resume (jobs:resume)', async () => {
    fake.setNext({ kind: 'slow', taskMs: 1_500 });
    const id = await submitOne('a lighthouse, resumed by hand');
    await until(() => statusOf(id) === 'polling', 'polling');
    fake.keys.delete(DEFAULT_FAKE_KEY);
    await until(settledOrPaused(id), 'paused or ended');
    expect(statusOf(id)).toBe('paused');
    fake.keys.add(DEFAULT_FAKE_KEY);
    const resumed = await t.call('jobs:resume', { id });
    expect(resumed.status).toBe('polling');
    expect(resumed.error).toBeNull();
    await until(() => statusOf(id) === 'done', 'done');
  });
});

describe('a full disk keeps the paid image', { timeout: 60_000 }, () => {
  it('pauses with "disk full" and how much space is needed, then stores the image once a write succeeds', async () => {
    let full = true;
    const library = t.core.library;
    const addImage = library.addImage.bind(library);
    library.addImage = async (args) => {
      if (full) throw diskFull();
      return addImage(args);
    };
    const id = await submitOne('a lighthouse on a full disk');
    await until(settledOrPaused(id), 'paused or ended', 30_000);
    const paused = t.core.runner.store.get(id)!;
    expect(paused.status).toBe('paused');
    expect(paused.error_message).toMatch(/disk is full: about [\d.]+ (KB|MB) more is needed/);
    // The bytes are kept durably meanwhile, whole.
    const parked = fs.readFileSync(parkedFile(t.core.ctx.paths.tmpDir, id));
    expect(parked.length).toBeGreaterThan(100);
    full = false;
    await until(() => statusOf(id) === 'done', 'done once space is free', 30_000);
    expect(fake.downloads.filter((d) => d.httpStatus === 200)).toHaveLength(1);
    expect(fs.existsSync(parkedFile(t.core.ctx.paths.tmpDir, id))).toBe(false);
  });

  it('pauses when even parking the download fails (ENOSPC), without downloading again afterwards', async () => {
    let full = true;
    const files = t.core.runner.files;
    const write = files.writeDurably.bind(files);
    files.writeDurably = async (file, bytes) => {
      if (full) throw diskFull();
      return write(file, bytes);
    };
    const id = await submitOne('a lighthouse, nowhere to park');
    await until(settledOrPaused(id), 'paused or ended', 30_000);
    expect(statusOf(id)).toBe('paused');
    expect(t.core.runner.store.get(id)!.error_message).toMatch(/disk is full/);
    full = false;
    await until(() => statusOf(id) === 'done', 'done once space is free', 30_000);
    expect(fake.downloads.filter((d) => d.httpStatus === 200)).toHaveLength(1);
  });

  it('a later run adopts the parked image even after the sample URL died', async () => {
    const library = t.core.library;
    library.addImage = async () => {
      throw diskFull();
    };
    const id = await submitOne('a lighthouse, adopted after restart');
    await until(settledOrPaused(id), 'paused or ended', 30_000);
    expect(statusOf(id)).toBe('paused');
    await t.close();
    fake.expireSamples();
    t = await openTestCore({ apiBase: fake.apiBase, home: t.home });
    t.core.runner.resume(id);
    await until(() => statusOf(id) === 'done', 'done from the parked copy');
    const generation = t.core.library.getGeneration(t.core.runner.store.get(id)!.generation_id!);
    expect(generation?.taskId).toBeTruthy();
  });
});
