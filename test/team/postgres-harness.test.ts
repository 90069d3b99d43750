import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../support/postgres';

describe('the test PostgreSQL', () => {
  it('starts a real server with a fresh database, and stop() leaves nothing in the temp folder', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('seedbank-pg-')));
    const server = await startPostgres();
    try {
      const url = await server.createDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      await client.end();
      expect(Number(rows[0]?.server_version.split('.')[0])).toBeGreaterThanOrEqual(13);
    } finally {
      await server.stop();
    }
    const after = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('seedbank-pg-') && !before.has(name));
    expect(after.map((name) => path.join(os.tmpdir(), name))).toEqual([]);
  });
});
