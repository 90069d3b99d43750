/**
 * What a CLI command opens: only what it needs. Key and balance commands never open the
 * library (they work beside a database that cannot even be read); no command starts the
 * background reconcile or thumbnail pass; project names match the way the library matches
 * them (any letter case, composed or decomposed accents).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { buildCli, cliEnv, jsonLines, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
const homes: string[] = [];
const KLEIN = ['--model', 'flux-2-klein-4b'];

function newHome(): string {
  const home = tempHome();
  homes.push(home);
  return home;
}

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
});
afterEach(() => {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});
afterAll(() => fake.close());

describe('commands that need no library', () => {
  it('--version, key status and credits work beside a library.db that cannot be read', async () => {
    const home = newHome();
    fs.writeFileSync(path.join(home, 'library.db'), 'this is not an SQLite database, and it is long enough');
    const env = cliEnv({ home, apiBase: fake.apiBase });

    const version = await runCli(['--version'], env);
    expect(version.code, version.stderr).toBe(0);
    const status = await runCli(['key', 'status'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/Key set from BFL_API_KEY/);
    const credits = await runCli(['credits'], env);
    expect(credits.code, credits.stderr).toBe(0);
    expect(credits.stdout.trim()).toMatch(/^\d+(\.\d+)?$/);

    // The database really is unreadable: a command that needs it says so.
    const history = await runCli(['history'], env);
    expect(history.code).not.toBe(0);
    expect(fs.readFileSync(path.join(home, 'library.db'), 'utf8')).toMatch(/^this is not an SQLite database/);
  });
});

describe('no background pass in a CLI run', () => {
  it('leaves missing thumbnails missing, even while a generate runs (the app remakes them)', async () => {
    const home = newHome();
    const env = cliEnv({ home, apiBase: fake.apiBase });
    for (const prompt of ['a tin roof in rain', 'a copper kettle']) {
      const made = await runCli(['generate', '--prompt', prompt, ...KLEIN], env);
      expect(made.code, made.stderr).toBe(0);
    }
    expect(fs.readdirSync(path.join(home, 'thumbs'))).toHaveLength(2);
    fs.rmSync(path.join(home, 'thumbs'), { recursive: true, force: true });

    for (const args of [['history'], ['jobs'], ['key', 'status'], ['history', '--search', 'kettle']]) {
      const result = await runCli(args, env);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    expect(fs.existsSync(path.join(home, 'thumbs'))).toBe(false);
    // A generate runs for a second or two: long enough for a start-up pass (reconcile, then
    // missing thumbnails) to remake the other two. Only the new image's own thumbnail appears.
    const third = await runCli(['generate', '--prompt', 'a paper boat', ...KLEIN, '--json'], env);
    expect(third.code, third.stderr).toBe(0);
    const [made] = jsonLines(third.stdout);
    expect(fs.readdirSync(path.join(home, 'thumbs'))).toEqual([`${String(made!.id)}.webp`]);
  });
});

describe('project names', () => {
  it('match the way the library matches them: any case, accents composed or not', async () => {
    const home = newHome();
    const env = cliEnv({ home, apiBase: fake.apiBase });
    const composed = 'Caf\u00e9 Terrace';
    const decomposedUpper = 'CAFE\u0301 TERRACE';
    const first = await runCli(['generate', '--prompt', 'an espresso cup', ...KLEIN, '--project', composed], env);
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(
      ['generate', '--prompt', 'a wicker chair', ...KLEIN, '--project', `  cafe\u0301   terrace `],
      env,
    );
    expect(second.code, second.stderr).toBe(0);

    const listed = await runCli(['history', '--json', '--project', decomposedUpper], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(jsonLines(listed.stdout).map((l) => l.prompt)).toEqual(['a wicker chair', 'an espresso cup']);
  });
});
