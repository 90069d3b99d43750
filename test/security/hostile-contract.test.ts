/**
 * Issue 11 "prove it": hostile input on every contract channel. For each channel in
 * `shared/api.ts` (read generically, so new channels are covered), fast-check tries payloads of
 * the wrong type, unknown fields and fields replaced by hostile values; every one the contract
 * does not allow must be refused with INVALID_INPUT, with nothing sent to the BFL emulator and
 * nothing written to the app-data folder. Then `jobs:submit` with hostile model parameters,
 * which the contract passes through to the model catalog's own validation.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, requests, type RequestChannel } from '../../shared/api';
import { MODELS } from '../../shared/models';
import { openTestCore, tempHome, type TestCore } from '../support/jobs-test-harness';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { fieldPaths, hostileValue, validBase, withPath, wrongTopLevel } from './contract-arbitraries';
import { Tally } from './tally';

const RUNS = { wrongType: 8, unknownField: 8, field: 6, params: 120 };

/** Everything under the app-data folder that a refused request could have changed. */
function snapshot(t: TestCore): string {
  const files = fs
    .readdirSync(t.home, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(t.home, path.join(d.parentPath, d.name)))
    .filter((f) => !f.startsWith('logs') && !f.startsWith('library.db'))
    .map((f) => `${f}:${fs.statSync(path.join(t.home, f)).size}`)
    .sort();
  const counts = ['jobs', 'generations', 'inputs', 'projects'].map(
    (table) => (t.core.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  );
  return JSON.stringify({ files, counts, settings: t.core.ctx.settings.get() });
}

describe('hostile payloads on every contract channel', () => {
  let fake: FakeBfl;
  let t: TestCore;
  let before: string;
  const tally = new Tally('contract channels');

  beforeAll(async () => {
    fake = await startFakeBfl();
    t = await openTestCore({ apiBase: fake.apiBase, home: tempHome('seedbank-hostile-contract-') });
    before = snapshot(t);
  });

  afterAll(async () => {
    tally.print();
    await t.close();
    await fake.close();
    fs.rmSync(t.home, { recursive: true, force: true });
  });

  const refused = async (channel: RequestChannel, payload: unknown, kind: string) => {
    const answer = await t.core.dispatch(channel, payload);
    expect(answer, `${channel} accepted ${kind}`).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    tally.add(kind);
  };

  it.each(REQUEST_CHANNELS)('%s refuses what its contract does not allow', async (channel) => {
    const schema = requests[channel].payload;
    const shape = validBase(schema);

    await fc.assert(
      fc.asyncProperty(wrongTopLevel, async (payload) => {
        await refused(channel, payload, 'wrong payload type');
      }),
      { numRuns: RUNS.wrongType },
    );

    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 30 }).filter((key) => !(key in shape) && key !== '__proto__'),
        hostileValue,
        async (key, { value }) => {
          await refused(channel, { ...shape, [key]: value }, 'unknown field');
        },
      ),
      { numRuns: RUNS.unknownField },
    );

    for (const at of fieldPaths(schema)) {
      await fc.assert(
        fc.asyncProperty(hostileValue, async ({ kind, value }) => {
          const payload = withPath(shape, at, value);
          // Some hostile values are fine for some fields (control characters in a prompt):
          // only what the contract refuses is asserted here.
          fc.pre(!schema.safeParse(payload).success);
          await refused(channel, payload, kind);
        }),
        { numRuns: RUNS.field },
      );
    }
  });

  it('jobs:submit refuses hostile model parameters before anything is sent', async () => {
    const hostileNumber = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, -1e308, 1e308, 2 ** 53 + 1, 0.5);
    const param = fc.oneof(
      fc.record({
        key: fc.constantFrom('width', 'height', 'steps', 'guidance', 'safety_tolerance'),
        value: hostileNumber,
      }),
      fc.record({ key: fc.constantFrom('seed'), value: fc.constantFrom(Number.NaN, -1, 1e308, 0.5, 'seven') }),
      fc.record({
        key: fc.constantFrom('output_format', 'aspect_ratio'),
        value: fc.constantFrom('gif', '0:0', '', 'x'.repeat(5000)),
      }),
      fc.record({
        key: fc.string({ minLength: 1, maxLength: 20 }).filter((k) => k !== '__proto__'),
        value: fc.constant('unknown'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MODELS.map((m) => m.id)), param, async (model, { key, value }) => {
        const answer = await t.core.dispatch('jobs:submit', {
          request: { model, prompt: 'a hostile request', params: { [key]: value }, inputs: [] },
        });
        expect(answer, `${model} accepted ${key}=${String(value).slice(0, 20)}`).toMatchObject({
          error: { code: 'INVALID_INPUT' },
        });
        tally.add('hostile model parameter');
      }),
      { numRuns: RUNS.params },
    );
  });

  it('nothing was sent and nothing was written', () => {
    expect(fake.requests).toEqual([]);
    expect(snapshot(t)).toBe(before);
    expect(tally.total()).toBeGreaterThan(REQUEST_CHANNELS.length * (RUNS.wrongType + RUNS.unknownField));
  });
});
