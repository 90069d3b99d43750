/**
 * `seedbank jobs` and `seedbank retry ID`: a job whose outcome is unknown (BFL may have accepted
 * and billed it) can be found from the command line and sent again — only after a yes, with the
 * question saying plainly that the earlier attempt may have been charged.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/types';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { buildCli, cliEnv, jsonLines, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let home: string;
const KLEIN = ['--model', 'flux-2-klein-4b'];
const run = (args: string[], input?: string) => runCli(args, cliEnv({ home, apiBase: fake.apiBase }), input);
const generate = (prompt: string) => run(['generate', '--prompt', prompt, ...KLEIN, '--seed', '3']);
const jobs = async (args: string[] = []) => {
  const result = await run(['jobs', '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return jsonLines(result.stdout) as unknown as Job[];
};

let unknownId: string;

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
  home = tempHome();
  expect((await generate('a quiet harbour')).code).toBe(0);
  fake.setNext({ kind: 'http', status: 500 }); // may have reached BFL: the outcome is unknown
  expect((await generate('a lighthouse in a storm')).code).toBe(1);
  fake.setNext({ kind: 'http', status: 422 });
  expect((await generate('a refused request')).code).toBe(2);
  const [unknown] = await jobs(['--state', 'unknown']);
  unknownId = unknown!.id;
}, 60_000);
afterAll(async () => {
  await fake.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('seedbank jobs', () => {
  it('lists every job, newest first, with its state and the reason it stopped', async () => {
    const all = await jobs();
    expect(all.map((j) => [j.request.prompt, j.status])).toEqual([
      ['a refused request', 'failed'],
      ['a lighthouse in a storm', 'unknown'],
      ['a quiet harbour', 'done'],
    ]);
    expect(all[0]!.error?.code).toBe('INVALID_INPUT');
    expect(all[0]!.error?.message).toMatch(/422/);
    expect(all[1]!.error?.message).toMatch(/\S/);
    expect(all[2]!.error).toBeNull();

    const human = await run(['jobs']);
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(unknownId);
    expect(lines[1]).toMatch(/\bunknown\b/);
    expect(lines[1]).toContain(all[1]!.error!.message.slice(0, 30));
  });

  it('--state unknown finds only the job BFL may have accepted', async () => {
    const unknown = await jobs(['--state', 'unknown']);
    expect(unknown.map((j) => [j.id, j.status, j.request.prompt])).toEqual([
      [unknownId, 'unknown', 'a lighthouse in a storm'],
    ]);
    expect((await jobs(['--state', 'done,failed'])).map((j) => j.status)).toEqual(['failed', 'done']);
  });

  it('refuses a state that does not exist with exit 2, naming --state', async () => {
    const result = await run(['jobs', '--state', 'lost']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--state/);
    expect(result.stderr).toMatch(/unknown/);
  });
});

describe('seedbank retry', () => {
  it('asks first, says the earlier attempt may have been charged, and sends nothing without a yes', async () => {
    const before = fake.submits.length;
    for (const answer of ['', 'no\n', 'n\n']) {
      const result = await run(['retry', unknownId], answer);
      expect(result.code, answer).toBe(2);
      expect(result.stderr).toMatch(/The earlier attempt may have been charged/);
      expect(result.stderr).toMatch(/may cost twice/);
      expect(result.stderr).toMatch(/\[y\/N\]/);
      expect(result.stderr).toMatch(/nothing was sent/i);
    }
    expect(fake.submits.length).toBe(before);
    expect((await jobs()).map((j) => j.status)).toEqual(['failed', 'unknown', 'done']);
  });

  it('refuses an id that is no job with exit 2, sending nothing', async () => {
    const before = fake.submits.length;
    const result = await run(['retry', 'no-such-job', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-job/);
    expect(fake.submits.length).toBe(before);
  });

  it('after a typed yes sends it again as a new job, waits for it and reports the image', async () => {
    const before = fake.submits.length;
    const result = await run(['retry', unknownId, '--json'], 'yes\n');
    expect(result.code, result.stderr).toBe(0);
    const [line] = jsonLines(result.stdout);
    expect(line).toMatchObject({ status: 'done', prompt: 'a lighthouse in a storm', seed: 3 });
    expect(fs.existsSync(String(line!.file))).toBe(true);
    expect(fake.submits.slice(before).map((s) => (s.body as { prompt?: unknown }).prompt)).toEqual([
      'a lighthouse in a storm',
    ]);
    // The earlier job stays as it was: the question whether it was billed is still open.
    const [fresh, ...rest] = await jobs();
    expect(fresh).toMatchObject({ status: 'done', request: { prompt: 'a lighthouse in a storm' } });
    expect(rest.find((j) => j.id === unknownId)?.status).toBe('unknown');
  });

  it('with --yes sends it again without asking', async () => {
    const before = fake.submits.length;
    const result = await run(['retry', unknownId, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\[y\/N\]/);
    expect(result.stdout).toMatch(/\.(jpe?g|png|webp)\b/);
    expect(fake.submits.length).toBe(before + 1);
  });
});
