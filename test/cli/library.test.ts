/**
 * The library through the command line: `history` with its filters, `rebuild` after the
 * database is deleted (every image comes back from its file, in the same shape), and `import`
 * of another library's images without touching the originals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { makeImageBytes } from '../support/library-test-kit';
import { buildCli, cliEnv, jsonLines, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let home: string;
const KLEIN = ['--model', 'flux-2-klein-4b'];
const env = () => cliEnv({ home, apiBase: fake.apiBase });
const history = async (args: string[] = []) => {
  const result = await runCli(['history', '--json', ...args], env());
  expect(result.code, result.stderr).toBe(0);
  return jsonLines(result.stdout);
};

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
  home = tempHome();
  for (const [prompt, project] of [
    ['a harbour at low tide', 'Coast'],
    ['a lighthouse in fog', 'Coast'],
    ['a pine forest in snow', null],
  ] as const) {
    const result = await runCli(
      ['generate', '--prompt', prompt, ...KLEIN, '--seed', '7', ...(project ? ['--project', project] : [])],
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => fake.close());

describe('seedbank history', () => {
  it('lists newest first, filtered by project, full-text search and limit', async () => {
    const all = await history();
    expect(all.map((l) => l.prompt)).toEqual(['a pine forest in snow', 'a lighthouse in fog', 'a harbour at low tide']);
    expect((await history(['--project', 'coast'])).map((l) => l.prompt)).toEqual([
      'a lighthouse in fog',
      'a harbour at low tide',
    ]);
    expect((await history(['--search', 'fog'])).map((l) => l.prompt)).toEqual(['a lighthouse in fog']);
    expect((await history(['--limit', '1'])).map((l) => l.prompt)).toEqual(['a pine forest in snow']);
  });

  it('searches your own words; --include-upsampled also reads the prompt BFL rewrote', async () => {
    // flux-2-pro upsamples by default: the emulator appends "rendered in rich detail with soft natural light".
    const own = tempHome();
    const ownEnv = cliEnv({ home: own, apiBase: fake.apiBase });
    const made = await runCli(['generate', '--prompt', 'a kettle on a stove', '--model', 'flux-2-pro'], ownEnv);
    expect(made.code, made.stderr).toBe(0);
    const search = async (args: string[]) => {
      const result = await runCli(['history', '--json', ...args], ownEnv);
      expect(result.code, result.stderr).toBe(0);
      return jsonLines(result.stdout).map((l) => l.prompt);
    };
    expect(await search(['--search', 'natural light'])).toEqual([]);
    expect(await search(['--search', 'natural light', '--include-upsampled'])).toEqual(['a kettle on a stove']);
    expect(await search(['--search', 'kettle'])).toEqual(['a kettle on a stove']);
  });

  it('refuses a project that does not exist with exit 2 and one line', async () => {
    const result = await runCli(['history', '--project', 'Nowhere'], env());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Nowhere/);
  });
});

describe('seedbank rebuild', () => {
  it('brings every image back from its file after library.db is deleted, projects included', async () => {
    const before = await history();
    const coastBefore = await history(['--project', 'Coast']);
    for (const name of ['library.db', 'library.db-wal', 'library.db-shm'])
      fs.rmSync(path.join(home, name), { force: true });

    const result = await runCli(['rebuild', '--json'], env());
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([expect.objectContaining({ done: 3, failed: 0 })]);
    expect(await history()).toEqual(before);
    expect(await history(['--project', 'Coast'])).toEqual(coastBefore);
  });
});

describe('seedbank import', () => {
  it('copies images in, those with a record as themselves and others as library images, leaving the folder untouched', async () => {
    const source = tempHome();
    const [made] = await history(['--search', 'harbour']);
    fs.copyFileSync(made!.file as string, path.join(source, 'harbour.jpg'));
    fs.writeFileSync(path.join(source, 'photo.png'), await makeImageBytes('png', 50, 40));
    const before = fs.readdirSync(source).map((f) => [f, fs.readFileSync(path.join(source, f)).toString('base64')]);

    const other = tempHome();
    const result = await runCli(['import', source, '--json'], cliEnv({ home: other, apiBase: fake.apiBase }));
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([expect.objectContaining({ done: 2, failed: 0 })]);
    expect(fs.readdirSync(source).map((f) => [f, fs.readFileSync(path.join(source, f)).toString('base64')])).toEqual(
      before,
    );

    const listed = jsonLines(
      (await runCli(['history', '--json'], cliEnv({ home: other, apiBase: fake.apiBase }))).stdout,
    );
    // The photo with no recipe becomes a library image too, found by its file name.
    expect(listed).toHaveLength(2);
    const harbour = listed.find((item) => item.id === made!.id);
    expect(harbour).toMatchObject({ prompt: 'a harbour at low tide', seed: made!.seed });
    expect(String(harbour!.file).startsWith(other)).toBe(true);
  });
});
