import { describe, expect, it } from 'vitest';
import { durationDrawer, parseDrawSpec } from './durations';

const spread = { medianMs: 4_000, p95Ms: 8_000 };

describe('fake BFL: seeded task durations', () => {
  it('gives the k-th task of a model the same duration for the same seed', () => {
    const a = durationDrawer({ seed: 7, models: { m: spread } });
    const b = durationDrawer({ seed: 7, models: { m: spread, other: spread } });
    const first = Array.from({ length: 20 }, () => a('m'));
    // Draws for another model in between do not shift this model's sequence.
    const second = Array.from({ length: 20 }, () => (b('other'), b('m')));
    expect(second).toEqual(first);
  });

  it('draws around the asked median and p95', () => {
    const draw = durationDrawer({ seed: 1, models: { m: spread } });
    const values = Array.from({ length: 4_000 }, () => draw('m')!).sort((x, y) => x - y);
    expect(values[2_000]).toBeGreaterThan(3_700);
    expect(values[2_000]).toBeLessThan(4_300);
    expect(values[3_800]).toBeGreaterThan(7_200);
    expect(values[3_800]).toBeLessThan(8_800);
  });

  it('leaves models it does not name to the fixed task time', () => {
    expect(durationDrawer({ seed: 1, models: { m: spread } })('x')).toBeNull();
  });

  it('refuses a draw spec whose p95 is below its median, naming the option', () => {
    expect(() => parseDrawSpec('m:4000:2000')).toThrow(/--draw/);
    expect(parseDrawSpec('m:4000:8000')).toEqual(['m', spread]);
  });
});
