/**
 * `seedbank generate` stops waiting when its jobs are paused (BFL accepted them, our side cannot
 * go on for now) and exits 6 saying how to go on; `seedbank resume` then finishes them without
 * sending anything again.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { buildCli, cliEnv, jsonLines, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let home: string;

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
});
afterAll(() => fake.close());
beforeEach(() => {
  home = tempHome();
  return () => fs.rmSync(home, { recursive: true, force: true });
});

describe('paused jobs in the CLI', () => {
  it('generate exits 6 with "paused: <reason>; run `seedbank resume`", and resume then finishes the job', async () => {
    const env = cliEnv({ home, apiBase: fake.apiBase });
    // The first poll is refused (403): the key looks refused, but BFL already accepted the task.
    const paused = await runCli(
      ['generate', '--prompt', 'a pear [fake:poll-403]', '--model', 'flux-2-klein-4b', '--json'],
      env,
    );
    expect(paused.code).toBe(6);
    expect(jsonLines(paused.stdout)[0]).toMatchObject({ status: 'paused' });
    const submits = fake.submits.length;

    const human = await runCli(['resume'], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/\.(jpg|jpeg|png|webp)\b/);
    expect(fake.submits.length).toBe(submits);
  });

  it('says "run `seedbank resume` when fixed" to people', async () => {
    const env = cliEnv({ home, apiBase: fake.apiBase });
    const paused = await runCli(['generate', '--prompt', 'a plum [fake:poll-403]', '--model', 'flux-2-klein-4b'], env);
    expect(paused.code).toBe(6);
    expect(paused.stderr).toMatch(/^paused: .+; run `seedbank resume` when fixed/m);
  });
});
