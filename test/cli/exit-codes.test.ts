import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { combineExitCodes } from '../../electron/cli/exit-codes';
import { buildCli, cliEnv, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let home: string;
const KLEIN = ['--model', 'flux-2-klein-4b'];

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
});
afterAll(() => fake.close());
beforeEach(() => {
  home = tempHome();
});

const generate = (prompt: string, extra: string[] = [], key?: string | null) =>
  runCli(
    ['generate', '--prompt', prompt, ...KLEIN, ...extra],
    cliEnv({ home, apiBase: fake.apiBase, ...(key !== undefined ? { key } : {}) }),
  );

function oneLineError(stderr: string): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('seedbank:'));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('exit codes', () => {
  it('0 when every job is done', async () => {
    expect((await generate('a pear')).code).toBe(0);
  });

  it('2 for invalid input, with nothing sent', async () => {
    const before = fake.requests.length;
    const result = await generate('a pear', ['--width', '100', '--height', '100']);
    expect(result.code).toBe(2);
    oneLineError(result.stderr);
    expect(result.stderr).toMatch(/width/);
    expect(fake.requests.length).toBe(before);
  });

  it('2 for a 422 from the API, with its message', async () => {
    const result = await generate('a pear [fake:http-422]');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/BFL refused the request \(HTTP 422\): \S+/);
  });

  it('3 when no key is set', async () => {
    const before = fake.submits.length;
    const result = await generate('a pear', [], null);
    expect(result.code).toBe(3);
    expect(fake.submits.length).toBe(before);
  });

  it('3 when BFL rejects the key', async () => {
    const result = await generate('a pear', [], 'not-the-right-key');
    expect(result.code).toBe(3);
  });

  it('4 when the account is out of credits', async () => {
    expect((await generate('a pear [fake:http-402]')).code).toBe(4);
  });

  it('5 when the request is moderated', async () => {
    expect((await generate('a pear [fake:content-moderated]')).code).toBe(5);
  });

  it('1 for anything else (BFL reports Error)', async () => {
    expect((await generate('a pear [fake:error]')).code).toBe(1);
  });

  it('mixed outcomes give the first of 3, 4, 2, 5, 1 that occurred', async () => {
    fake.script([{ kind: 'end', status: 'Content Moderated' }], [{ kind: 'http', status: 402 }]);
    const result = await generate('two pears', ['--count', '2', '--json']);
    expect(result.code).toBe(4);
    expect(combineExitCodes([5, 1, 2])).toBe(2);
    expect(combineExitCodes([1, 5])).toBe(5);
    expect(combineExitCodes([0, 0])).toBe(0);
  });

  it('credits prints the balance, and a wrong key exits 3 with one line', async () => {
    const ok = await runCli(['credits'], cliEnv({ home, apiBase: fake.apiBase }));
    expect(ok.code).toBe(0);
    expect(Number(ok.stdout.trim())).toBeGreaterThan(0);
    const bad = await runCli(['credits'], cliEnv({ home, apiBase: fake.apiBase, key: 'wrong-key-1234' }));
    expect(bad.code).toBe(3);
    oneLineError(bad.stderr);
  });
});

describe('key commands', () => {
  it('key set refuses a key given as an argument and reads it from stdin only', async () => {
    const env = cliEnv({ home, apiBase: fake.apiBase, key: null });
    const argument = await runCli(['key', 'set', 'bfl-secret-key-9999'], env);
    expect(argument.code).toBe(2);
    const status = await runCli(['key', 'status'], env);
    expect(status.stdout).toMatch(/No key set/);
    expect(status.stdout).not.toContain('bfl-secret');
  });

  it('key status names the source and the last four characters only', async () => {
    const status = await runCli(['key', 'status'], cliEnv({ home, apiBase: fake.apiBase }));
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/BFL_API_KEY/);
    expect(status.stdout).toMatch(/…0001/);
    expect(status.stdout).not.toContain('bfl-fake-key-0001');
  });
});
