/**
 * Temporary folders for tests. Every test that needs a folder on disk takes it from here, and the
 * folder is removed when the test file ends (a file-level `afterAll`, registered when this module
 * is first imported, so it runs after the file's own hooks have stopped servers and closed
 * databases). `npm test` fails on anything a run leaves in the temp directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made = new Set<string>();

// Outside vitest (the chaos run and the benchmarks bundle kits that use this) there is no test
// file to end: those scripts remove what they make themselves, with removeTempDir.
if (process.env.VITEST) {
  afterAll(() => {
    for (const dir of made) removeTempDir(dir);
    made.clear();
  });
}

/** A new, empty folder named `<prefix>XXXXXX` in the temp directory, removed after the test file. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes a folder now (for tests that want a clean slate before the file ends). */
export function removeTempDir(dir: string): void {
  // Retries: a child process that was just killed may still be closing files inside.
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  made.delete(dir);
}
