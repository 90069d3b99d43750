import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { readRecordFromFile } from '../../electron/core/metadata';
import { buildCli, cliEnv, finished, jsonLines, runCli, startCli, tempHome, until } from './cli-harness';

let fake: FakeBfl;
let home: string;

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
});
afterAll(() => fake.close());
beforeEach(() => {
  home = tempHome();
});

function jobStatuses(): string[] {
  const db = new DatabaseSync(path.join(home, 'library.db'), { readOnly: true });
  try {
    return (db.prepare('SELECT status FROM jobs').all() as { status: string }[]).map((r) => r.status);
  } finally {
    db.close();
  }
}

/** Starts `generate` on a task that never finishes by itself and SIGKILLs it mid-poll. */
async function killMidPoll(prompt: string): Promise<string> {
  const submits = fake.submits.length;
  const polls = fake.polls.length;
  fake.setNext({ kind: 'slow', taskMs: Number.POSITIVE_INFINITY });
  const child = startCli(
    ['generate', '--prompt', prompt, '--model', 'flux-2-klein-4b', '--json'],
    cliEnv({ home, apiBase: fake.apiBase }),
  );
  const exited = finished(child);
  await until(() => fake.submits.length > submits && fake.polls.length > polls, 'the child to submit and poll');
  const taskId = fake.submits.at(-1)!.taskId!;
  child.kill('SIGKILL');
  const result = await exited;
  expect(result.code).toBeNull();
  expect(jobStatuses()).toEqual(['polling']);
  fake.finishTasks();
  return taskId;
}

describe('kill and resume', () => {
  it('resume finishes a job whose process was killed mid-poll, with exactly one submit', async () => {
    const submitsBefore = fake.submits.length;
    const taskId = await killMidPoll('a heron');
    const result = await runCli(['resume', '--json'], cliEnv({ home, apiBase: fake.apiBase }));
    expect(result.code).toBe(0);
    const [line] = jsonLines(result.stdout);
    expect(line?.status).toBe('done');
    expect(line?.taskId).toBe(taskId);
    expect(fake.submits.length - submitsBefore).toBe(1);
    const record = await readRecordFromFile(line!.file as string);
    expect(record?.prompt).toBe('a heron');
    expect(record?.taskId).toBe(taskId);
  });

  it('two processes resuming at once download the image exactly once', async () => {
    const taskId = await killMidPoll('a pair of cranes');
    const env = cliEnv({ home, apiBase: fake.apiBase });
    const [a, b] = await Promise.all([runCli(['resume', '--json'], env), runCli(['resume', '--json'], env)]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const okDownloads = fake.downloads.filter((d) => d.taskId === taskId && d.httpStatus === 200);
    expect(okDownloads).toHaveLength(1);
    const history = jsonLines((await runCli(['history', '--json'], env)).stdout);
    expect(history).toHaveLength(1);
    expect(fake.submits.filter((s) => s.taskId === taskId)).toHaveLength(1);
  });

  it('resume with nothing unfinished says so and exits 0', async () => {
    const result = await runCli(['resume'], cliEnv({ home, apiBase: fake.apiBase }));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Nothing to resume/);
  });

  it('cancel ID stops a job and says credits may already be spent', async () => {
    await killMidPoll('a cancelled swan');
    const db = new DatabaseSync(path.join(home, 'library.db'), { readOnly: true });
    const { id } = db.prepare('SELECT id FROM jobs').get() as { id: string };
    db.close();
    const result = await runCli(['cancel', id], cliEnv({ home, apiBase: fake.apiBase }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/credits may already be spent/);
    expect(jobStatuses()).toEqual(['cancelled']);
    const resumed = await runCli(['resume'], cliEnv({ home, apiBase: fake.apiBase }));
    expect(resumed.stderr).toMatch(/Nothing to resume/);
  });
});
