/**
 * `seedbank import DIR` as a person watches it: progress on stderr (files seen, imported,
 * skipped), then the summary on stdout — imported, duplicates skipped, each unreadable file with
 * its reason — and where the import's log is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { makeImageBytes } from '../support/library-test-kit';
import { buildCli, cliEnv, jsonLines, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let source: string;

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
  source = tempHome();
  const png = await makeImageBytes('png', 40, 30);
  fs.writeFileSync(path.join(source, 'one.png'), png);
  fs.writeFileSync(path.join(source, 'one-again.png'), png);
  fs.writeFileSync(path.join(source, 'two.jpg'), await makeImageBytes('jpeg', 30, 30, 4));
  fs.writeFileSync(path.join(source, 'broken.webp'), 'RIFF but not really');
}, 60_000);
afterAll(() => fake.close());

describe('seedbank import progress and summary', () => {
  it('prints progress on stderr and the summary with reasons and the log on stdout', async () => {
    const home = tempHome();
    const result = await runCli(['import', source], cliEnv({ home, apiBase: fake.apiBase }));
    // One file could not be read: exit 1, as with any failed item.
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('4 of 4 files: 2 imported, 1 duplicates skipped, 1 unreadable');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^2 images imported .*1 already in the library \(skipped\)/);
    expect(lines).toContain('Could not be read:');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${source}/broken\\.webp: `)));
    const log = lines.find((line) => line.startsWith('Log: '))!.slice('Log: '.length);
    expect(path.dirname(log)).toBe(path.join(home, 'logs'));
    expect(fs.readFileSync(log, 'utf8')).toContain(`${path.join(source, 'broken.webp')}: `);
  });

  it('puts the summary in the JSON and nothing but progress on stderr', async () => {
    const home = tempHome();
    const result = await runCli(['import', source, '--json', '--quiet'], cliEnv({ home, apiBase: fake.apiBase }));
    expect(result.stderr).toBe('');
    expect(jsonLines(result.stdout)).toEqual([
      expect.objectContaining({
        done: 3,
        failed: 1,
        import: expect.objectContaining({ seen: 4, imported: 2, duplicates: 1, unreadable: 1 }) as unknown,
      }),
    ]);
  });
});
