/**
 * Issue 17: "SIGKILL one workstation mid-write and nothing is corrupted". The writer is the real
 * CLI, `seedbank library push` of a personal library into a team library on a real PostgreSQL
 * and shared folder, SIGKILLed at planned moments: as a file's temporary copy appears (the kill
 * then lands in the middle of writing it) and after some files are in place (the kill lands
 * between files and rows). After every kill: each file under its final name is whole (byte for
 * byte the personal library's), anything else is an atomic write's temporary name, and every
 * row points at a file that is there. A last run completes the push with nothing doubled.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWriteTempName, writeTempPath } from '../../electron/core/metadata/atomic-write';
import { readRecord } from '../../electron/core/metadata';
import { buildCli, cliEnv, finished, runCli, startCli, tempHome } from '../cli/cli-harness';
import { makeImageBytes, makeRecord, openTestLibrary } from '../support/library-test-kit';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { makeTeamLibrary } from '../support/store-test-kit';
import { removeTempDir } from '../support/temp';

const IMAGES = 40;
/** Every image's month folder (the records are all made in November 2026). */
const MONTH = path.join('images', '2026-11');

let server: TestPostgres;
const folders: string[] = [];
beforeAll(async () => {
  buildCli();
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
  for (const folder of folders) removeTempDir(folder);
});

/** A personal library of `IMAGES` images, large enough that writing one takes a moment. */
async function personalLibrary(): Promise<string> {
  const t = await openTestLibrary(tempHome());
  folders.push(t.home);
  for (let i = 0; i < IMAGES; i++) {
    await t.library.addImage({
      record: makeRecord({
        createdAt: new Date(Date.UTC(2026, 10, 3, 12, i)).toISOString(),
        seed: i,
        format: 'png',
        width: 320,
        height: 320,
      }),
      bytes: await makeImageBytes('png', 320, 320, i),
      jobId: null,
      projectId: null,
    });
  }
  await t.close();
  return t.home;
}

type Moment = { kind: 'temp file appears'; nth: number } | { kind: 'files in place'; count: number };

/** The run's kills, in order; each run resumes where the one before was killed. */
const KILLS: Moment[] = [
  { kind: 'files in place', count: 3 },
  { kind: 'temp file appears', nth: 1 },
  { kind: 'temp file appears', nth: 2 },
  { kind: 'files in place', count: 6 },
  { kind: 'temp file appears', nth: 4 },
];

/**
 * Starts a push and SIGKILLs it at `moment`, seen by watching the month folder: the kill follows
 * the file system event at once, usually while that file is still being written (where exactly
 * it lands varies; what must hold after it does not).
 */
async function pushKilledAt(
  args: string[],
  env: NodeJS.ProcessEnv,
  shared: string,
  moment: Moment,
): Promise<{ killed: boolean }> {
  const child: ChildProcess = startCli(args, env);
  const done = finished(child);
  let temps = 0;
  const placed = new Set<string>();
  let killed = false;
  const watcher = fs.watch(path.join(shared, MONTH), (_event, name) => {
    if (killed || name === null) return;
    const due =
      moment.kind === 'temp file appears'
        ? isWriteTempName(name) && ++temps >= moment.nth
        : !isWriteTempName(name) &&
          fs.existsSync(path.join(shared, MONTH, name)) &&
          placed.add(name).size >= moment.count;
    if (due) {
      killed = child.kill('SIGKILL');
    }
  });
  try {
    const result = await done;
    if (!killed) expect(result.code, result.stderr).toBe(0);
    return { killed };
  } finally {
    watcher.close();
  }
}

interface Row {
  id: string;
  file: string;
}

async function teamRows(url: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>('SELECT id, file FROM generations ORDER BY seq')).rows;
  } finally {
    await client.end();
  }
}

/** Every file in the shared folder's month folder, split into final names and write temp names. */
function sharedFiles(shared: string): { images: string[]; temps: string[]; other: string[] } {
  const names = fs.readdirSync(path.join(shared, MONTH));
  return {
    images: names.filter((n) => !isWriteTempName(n) && /\.png$/.test(n)),
    temps: names.filter((n) => isWriteTempName(n)),
    other: names.filter((n) => !isWriteTempName(n) && !/\.png$/.test(n)),
  };
}

/** Nothing corrupted: whole files under final names, every row's file present. */
async function expectIntact(personal: string, team: { url: string; folder: string }): Promise<void> {
  const { images, other } = sharedFiles(team.folder);
  expect(other).toEqual([]);
  for (const name of images) {
    const bytes = fs.readFileSync(path.join(team.folder, MONTH, name));
    // Byte for byte the personal library's file: never half written, never re-encoded.
    expect(bytes.equals(fs.readFileSync(path.join(personal, MONTH, name))), name).toBe(true);
    expect(readRecord(bytes)?.id, name).toBe(name.replace(/\.png$/, ''));
  }
  for (const row of await teamRows(team.url))
    expect(fs.existsSync(path.join(team.folder, row.file)), row.file).toBe(true);
}

describe('seedbank library push SIGKILLed mid-write', () => {
  it('leaves only whole files and rows with their files after every kill, and a last run completes it with nothing doubled', async () => {
    const personal = await personalLibrary();
    const team = await makeTeamLibrary(server);
    folders.push(team.folder);
    // The month folder exists before the first run, so the watch sees that run's first file.
    fs.mkdirSync(path.join(team.folder, MONTH), { recursive: true });
    const args = ['library', 'push', '--database', team.url, '--folder', team.folder, '--json'];
    const env = cliEnv({ home: personal, apiBase: 'http://127.0.0.1:9' });

    let kills = 0;
    for (const moment of KILLS) {
      const { killed } = await pushKilledAt(args, env, team.folder, moment);
      if (killed) kills += 1;
      await expectIntact(personal, team);
    }
    // The plan kills every run (40 images, at most a few files per run before its kill).
    expect(kills).toBe(KILLS.length);

    // The kills mid-file left temporary copies (hidden names, ignored by the push); once stale, the next run removes them.
    // (How many depends on where each kill landed; one more, half written, stands for any they missed.)
    const planted = writeTempPath(path.join(team.folder, MONTH, 'planted.png'));
    fs.writeFileSync(
      planted,
      fs.readFileSync(path.join(team.folder, MONTH, sharedFiles(team.folder).images[0]!)).subarray(0, 100),
    );
    const stale = new Date(Date.now() - 10 * 60_000);
    for (const name of sharedFiles(team.folder).temps) fs.utimesSync(path.join(team.folder, MONTH, name), stale, stale);

    const last = await runCli(args, env);
    expect(last.code, last.stderr).toBe(0);
    const report = JSON.parse(last.stdout) as { total: number; pushed: number; alreadyThere: number };
    expect(report.total).toBe(IMAGES);
    expect(report.pushed + report.alreadyThere).toBe(IMAGES);
    await expectIntact(personal, team);
    const rows = await teamRows(team.url);
    expect(rows).toHaveLength(IMAGES);
    expect(new Set(rows.map((r) => r.id)).size).toBe(IMAGES);
    const after = sharedFiles(team.folder);
    expect(after.images).toHaveLength(IMAGES);
    // The stale temporary copies are gone; the final names were never touched by that.
    expect(after.temps).toEqual([]);

    // A run after that finds everything there and changes nothing.
    const again = await runCli(args, env);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: IMAGES, pushed: 0, alreadyThere: IMAGES });
    expect(await teamRows(team.url)).toEqual(rows);
  });
});
