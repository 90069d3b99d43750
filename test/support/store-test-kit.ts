/**
 * Test-only: both library stores, opened the same way, so one suite runs against each — the
 * embedded store on a real SQLite file, the team store on a real PostgreSQL (test/support/postgres.ts)
 * with a shared folder in the temp directory.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { EmbeddedRecord } from '../../shared/types';
import { imageHome } from '../../electron/core/library/files/library-paths';
import { EmbeddedLibraryStore } from '../../electron/core/library/store/embedded-store';
import { newLibraryId } from '../../electron/core/library/store/library-id-file';
import type { LibraryStore, SaveGeneration } from '../../electron/core/library/store/library-store';
import { claimFolder, migrateTeamDatabase } from '../../electron/core/library/team/team-migrate';
import { TeamLibraryStore } from '../../electron/core/library/team/team-store';
import { openTestLibrary } from './library-test-kit';
import type { TestPostgres } from './postgres';
import { makeTempDir } from './temp';

export interface OpenStore {
  store: LibraryStore;
  /** The library folder (embedded: its home; team: the shared folder). */
  folder: string;
  close(): Promise<void>;
}

export const assetUrl = (relativePath: string): string => `asset://lib/${relativePath}`;

export async function openEmbeddedStore(): Promise<OpenStore> {
  const t = await openTestLibrary();
  const store = new EmbeddedLibraryStore(t.ctx, t.library);
  return { store, folder: t.home, close: () => t.close() };
}

const templates = new WeakMap<TestPostgres, Promise<string>>();

/** A database migrated once per server, copied for each test (a copy is faster than migrating). */
function migratedTemplate(server: TestPostgres): Promise<string> {
  let template = templates.get(server);
  if (!template) {
    template = server.createDatabase({ name: 'seedbank_template' }).then(async (url) => {
      await migrateTeamDatabase(url);
      return 'seedbank_template';
    });
    templates.set(server, template);
  }
  return template;
}

/** A new team library: a fresh migrated database with an id of its own, and a shared folder claimed for it. */
export async function makeTeamLibrary(server: TestPostgres): Promise<{ url: string; folder: string }> {
  const url = await server.createDatabase({ template: await migratedTemplate(server) });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const libraryId = newLibraryId();
  await client.query('UPDATE seedbank_library SET library_id = $1', [libraryId]);
  await client.end();
  const folder = makeTempDir('seedbank-team-folder-');
  await claimFolder(folder, libraryId);
  return { url, folder };
}

export async function openTeamStore(
  library: { url: string; folder: string },
  onTrouble?: (message: string) => void,
): Promise<OpenStore> {
  const store = await TeamLibraryStore.open({
    url: library.url,
    folder: library.folder,
    assetUrl,
    maker: { host: 'test-host', person: 'test-person' },
    ...(onTrouble ? { onTrouble } : {}),
  });
  return { store, folder: library.folder, close: () => store.close() };
}

/** What indexing a record whose file sits at its home needs; `withFile` writes that file too. */
export function entryOf(record: EmbeddedRecord, folder?: string): SaveGeneration {
  const file = imageHome(record.id, record.createdAt, record.format);
  const bytes = Buffer.from(`image ${record.id}`);
  if (folder !== undefined) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), bytes);
  }
  return {
    record,
    file: {
      file,
      format: record.format,
      bytes: bytes.length,
      mtimeMs: Date.parse(record.createdAt),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    jobId: null,
    projectId: null,
    trashedAt: null,
    thumbMadeAt: null,
  };
}
