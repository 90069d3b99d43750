import { describe, expect, it } from 'vitest';
import { overMaxCost } from '../../electron/cli/generate';

describe('--max-cost', () => {
  it('treats an estimate nobody knows as over the limit', () => {
    expect(overMaxCost(null, 100)).toBe(true);
  });

  it('lets an estimate at or under the limit through, and anything through without a limit', () => {
    expect(overMaxCost(10, 10)).toBe(false);
    expect(overMaxCost(10.5, 10)).toBe(true);
    expect(overMaxCost(null, undefined)).toBe(false);
  });
});
