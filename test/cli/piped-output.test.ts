/**
 * What the CLI prints reaches a pipe whole. `process.exit` right after writing dropped what the
 * pipe had not taken yet: `seedbank jobs --json | …` lost most of its lines once the output
 * passed the pipe's buffer (found by the chaos run, which now reads that listing from a file).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobStore } from '../../electron/core/jobs/job-store';
import { openDatabase } from '../../electron/core/library/db/database';
import { buildCli, cliEnv, jsonLines, runCli, tempHome } from './cli-harness';

const JOBS = 600;
let home: string;

beforeAll(() => {
  buildCli();
  home = tempHome();
  const db = openDatabase(path.join(home, 'library.db'));
  const at = Date.parse('2026-11-20T12:00:00.000Z');
  // A long prompt per job, so the listing is far larger than a pipe's 64 KB buffer.
  const prompt = 'a lighthouse at dusk, long exposure, 35mm, '.repeat(20);
  new JobStore(db).insert(
    Array.from({ length: JOBS }, (_, i) => ({
      id: `job-${String(i).padStart(4, '0')}`,
      batchId: 'batch',
      model: 'flux-2-pro',
      prompt,
      params: {},
      inputs: [],
      body: { prompt },
      projectId: null,
      estimatedCost: 3,
      createdAt: new Date(at + i).toISOString(),
    })),
  );
  db.close();
});

describe('output through a pipe', () => {
  it('seedbank jobs --json hands every line to the pipe before exiting', async () => {
    const result = await runCli(['jobs', '--json', '--limit', '1000'], cliEnv({ home, apiBase: 'http://127.0.0.1:9' }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(256 * 1024);
    expect(jsonLines(result.stdout)).toHaveLength(JOBS);
  });
});
