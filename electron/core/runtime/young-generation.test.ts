import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('./young-generation.ts', import.meta.url));

/**
 * A fresh Node (the test runner's own heap has grown long before any test runs) that holds the
 * young generation, then allocates with some survival the way a long job run does, and prints the
 * young generation's size in MB.
 */
function youngGenerationAfterChurn(): number {
  const script = `
    const v8 = await import('node:v8');
    const { holdYoungGeneration } = await import(${JSON.stringify(MODULE)});
    holdYoungGeneration();
    let keep = [];
    for (let i = 0; i < 2e6; i++) {
      keep.push({ i, s: 'x' + i });
      if (keep.length > 50000) keep = [];
    }
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(space.space_size / 1048576));
  `;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('holdYoungGeneration', () => {
  it('keeps the young generation near its starting size under sustained allocation', () => {
    // Without it V8 doubles the space up to 64 MB; the process's RSS follows.
    expect(youngGenerationAfterChurn()).toBeLessThanOrEqual(4);
  });
});
