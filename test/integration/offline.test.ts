/**
 * Offline: with the API host unreachable (a closed loopback port), the whole library works —
 * open, browse, search, rate, tag, move, export, rebuild — and a queued job waits, then goes out
 * once when the host is back on the same address. Everything through the contract, as the app
 * and the CLI call it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImageBytes, makeRecord } from '../support/library-test-kit';
import { kleinRequest, openTestCore, until, type TestCore } from '../support/jobs-test-harness';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';

let scratch: string;
let home: string;
let ports: { api: number; polling: number; delivery: number };
let apiBase: string;
let t: TestCore;
let fake: FakeBfl | null = null;
const ids: string[] = [];

const PROMPTS = ['a harbour at low tide', 'a lighthouse in fog', 'a pine forest in snow'];

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-offline-'));
  home = path.join(scratch, 'home');
  // The emulator's addresses, then closed: "BFL unreachable" that can come back on the same ports.
  const probe = await startFakeBfl();
  ports = {
    api: Number(new URL(probe.apiBase).port),
    polling: Number(new URL(probe.pollingBase).port),
    delivery: Number(new URL(probe.deliveryBase).port),
  };
  apiBase = probe.apiBase;
  await probe.close();

  t = await openTestCore({ apiBase, home });
  const bytes = await makeImageBytes('jpeg', 32, 24);
  for (const [i, prompt] of PROMPTS.entries()) {
    const generation = await t.core.library.addImage({
      record: makeRecord({ prompt, seed: i, createdAt: new Date(Date.UTC(2026, 10, 3, 12, i)).toISOString() }),
      bytes,
      jobId: null,
      projectId: null,
    });
    ids.push(generation.id);
  }
  // Open = a fresh start of the core on the same folder with BFL unreachable.
  await t.close();
  t = await openTestCore({ apiBase, home });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await fake?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('with the API host unreachable', () => {
  it('opens the library and browses it', async () => {
    const page = await t.call('library:list', {});
    expect(page.total).toBe(3);
    expect(page.items.map((g) => g.prompt)).toEqual([...PROMPTS].reverse());
    const detail = await t.call('library:get', { id: ids[0]! });
    expect(detail.generation.prompt).toBe(PROMPTS[0]);
  });

  it('searches the prompts', async () => {
    const page = await t.call('library:list', { filter: { search: 'fog' } });
    expect(page.items.map((g) => g.id)).toEqual([ids[1]]);
  });

  it('rates and tags', async () => {
    await t.call('library:rate', { ids: [ids[0]!], rating: 4 });
    await t.call('library:tag', { ids: [ids[0]!, ids[1]!], add: ['coast'] });
    const rated = await t.call('library:list', { filter: { minRating: 4 } });
    expect(rated.items.map((g) => g.id)).toEqual([ids[0]]);
    const tagged = await t.call('library:list', { filter: { tag: 'coast' } });
    expect(tagged.total).toBe(2);
  });

  it('moves images into a project', async () => {
    const project = await t.call('projects:create', { name: 'Coast' });
    await t.call('library:move', { ids: [ids[0]!, ids[1]!], projectId: project.id });
    const inProject = await t.call('library:list', { filter: { projectId: project.id } });
    expect(inProject.total).toBe(2);
  });

  it('exports images to a folder', async () => {
    const destination = path.join(scratch, 'export');
    const result = await t.call('library:export', { ids, destination });
    expect(result.done).toBe(3);
    expect(fs.readdirSync(destination, { recursive: true }).filter((f) => String(f).endsWith('.jpg'))).toHaveLength(3);
  });

  it('rebuilds the database from the image files, keeping ratings and tags', async () => {
    const result = await t.call('library:rebuild', {});
    expect(result.failed).toBe(0);
    const page = await t.call('library:list', { filter: { tag: 'coast' } });
    expect(page.total).toBe(2);
    expect((await t.call('library:get', { id: ids[0]! })).generation.rating).toBe(4);
  });

  it('keeps a queued job waiting, and sends it once when the host is back', async () => {
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a mountain hut') });
    t.core.runner.start();
    const offline = () =>
      t.events.some((e) => e.channel === 'network:changed' && (e.payload as { online: boolean }).online === false);
    await until(offline, 'network:changed offline');
    expect(t.core.runner.store.get(jobs[0]!.id)?.status).toBe('queued');
    // The library still answers while the job waits.
    expect((await t.call('library:list', {})).total).toBe(3);

    fake = await startFakeBfl({ ports });
    const [job] = await t.core.runner.waitFor([jobs[0]!.id]);
    expect(job?.status).toBe('done');
    expect(fake.submits).toHaveLength(1);
    expect((await t.call('library:list', {})).total).toBe(4);
  });
});
