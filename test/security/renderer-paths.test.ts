/**
 * Issue 11 item 4: paths and sizes from the renderer. The page is untrusted: in the app it
 * names folders only by an opaque handle the main process issued from a folder dialog; in the
 * browser host typed paths are accepted only under the home folder and the system temp folder,
 * never inside the app-data folder; every byte payload has a maximum in the contract.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BASE64_LENGTH, requests } from '../../shared/api';
import { createCore, type Core } from '../../electron/core/app-core';
import { createFolderHandles } from '../../electron/core/folder-access';
import { silentLogger } from '../../electron/core/logging/logger';
import { embedRecord } from '../../electron/core/metadata';
import { makeImageBytes, makeRecord } from '../support/library-test-kit';

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
};

async function open(home: string, kind: 'web' | 'app', folders?: ReturnType<typeof createFolderHandles>) {
  return createCore({
    home,
    kind,
    version: 'test',
    env: {},
    secretStore: null,
    logger: silentLogger,
    resumeJobs: false,
    moveToOsTrash: null,
    ...(folders ? { folders } : {}),
  });
}

async function addOneImage(core: Core, source: string): Promise<string> {
  const record = makeRecord();
  fs.writeFileSync(path.join(source, 'one.jpg'), embedRecord(await makeImageBytes(), record, { creatorTool: 't' }));
  const answer = await core.dispatch('library:import', { directory: source });
  expect(answer).toMatchObject({ result: { done: 1 } });
  return record.id;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('typed folders in the browser host', () => {
  let home: string;
  let core: Core;
  beforeEach(async () => {
    home = tempDir('seedbank-paths-home-');
    core = await open(home, 'web');
  });
  afterEach(() => core.close());

  it('export to a folder outside the home and temp folders is refused and nothing is written there', async () => {
    const id = await addOneImage(core, tempDir('seedbank-paths-src-'));
    const outside = path.join(path.parse(os.tmpdir()).root, `seedbank-escape-${process.pid}`);
    made.push(outside);
    const answer = await core.dispatch('library:export', { ids: [id], destination: outside });
    expect(answer).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'destination' } });
    expect(fs.existsSync(outside)).toBe(false);
  });

  it('a link in the temp folder pointing into the app-data folder does not let an export in', async () => {
    const id = await addOneImage(core, tempDir('seedbank-paths-src-'));
    const links = tempDir('seedbank-paths-link-');
    fs.symlinkSync(path.join(home, 'images'), path.join(links, 'into-library'));
    const before = fs.readdirSync(path.join(home, 'images'), { recursive: true }).length;
    const answer = await core.dispatch('library:export', {
      ids: [id],
      destination: path.join(links, 'into-library', 'sub'),
    });
    expect(answer).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'destination' } });
    expect(fs.readdirSync(path.join(home, 'images'), { recursive: true }).length).toBe(before);
  });

  it('import from a system folder outside home and temp is refused', async () => {
    const answer = await core.dispatch('library:import', { directory: '/etc' });
    expect(answer).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'directory' } });
  });

  it('export under the temp folder still works', async () => {
    const id = await addOneImage(core, tempDir('seedbank-paths-src-'));
    const out = tempDir('seedbank-paths-out-');
    expect(await core.dispatch('library:export', { ids: [id], destination: out })).toMatchObject({
      result: { done: 1 },
    });
  });
});

describe('folders in the app: only handles from the main-process dialog', () => {
  it('a typed path is refused; a handle the dialog issued works', async () => {
    const home = tempDir('seedbank-paths-app-');
    const folders = createFolderHandles();
    const core = await open(home, 'app', folders);
    try {
      const source = tempDir('seedbank-paths-src-');
      const record = makeRecord();
      fs.writeFileSync(path.join(source, 'a.jpg'), embedRecord(await makeImageBytes(), record, { creatorTool: 't' }));
      expect(await core.dispatch('library:import', { directory: source })).toMatchObject({
        error: { code: 'INVALID_INPUT', field: 'directory' },
      });
      expect(await core.dispatch('library:import', { directory: 'f'.repeat(32) })).toMatchObject({
        error: { code: 'INVALID_INPUT', field: 'directory' },
      });
      const handle = folders.register(source);
      expect(await core.dispatch('library:import', { directory: handle })).toMatchObject({ result: { done: 1 } });
    } finally {
      await core.close();
    }
  });
});

describe('byte payloads have a maximum in the contract', () => {
  it('a reference or mask of 20 MB fits; anything longer is refused before it is decoded', () => {
    expect(MAX_BASE64_LENGTH).toBeGreaterThanOrEqual(Math.ceil((20 * 1024 * 1024) / 3) * 4);
    for (const channel of ['inputs:add', 'library:inspectFile'] as const) {
      const schema = requests[channel].payload;
      const fits = schema.safeParse({ name: 'x.png', dataBase64: 'A'.repeat(MAX_BASE64_LENGTH) });
      const over = schema.safeParse({ name: 'x.png', dataBase64: 'A'.repeat(MAX_BASE64_LENGTH + 4) });
      if (channel === 'library:inspectFile') {
        expect(requests[channel].payload.safeParse({ dataBase64: 'A'.repeat(MAX_BASE64_LENGTH + 4) }).success).toBe(
          false,
        );
      } else {
        expect(fits.success).toBe(true);
        expect(over.success).toBe(false);
      }
    }
  });
});
