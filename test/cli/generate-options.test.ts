/**
 * How `seedbank generate` turns its options into what reaches BFL: the default size, `--aspect`
 * on width/height and on aspect-ratio models, `--param` (validated against the catalog), and
 * `--count` with and without `--seed`. Checked on the bodies the emulator received.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { buildCli, cliEnv, jsonLines, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let home: string;

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
});
afterAll(() => fake.close());
beforeEach(() => {
  home = tempHome();
});

const generate = (args: string[]) => runCli(['generate', ...args], cliEnv({ home, apiBase: fake.apiBase }));

/** Runs a generate that must succeed, and answers the bodies of the submits it caused. */
async function sent(args: string[]): Promise<Record<string, unknown>[]> {
  const before = fake.submits.length;
  const result = await generate([...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return fake.submits.slice(before).map((s) => s.body as Record<string, unknown>);
}

/** Runs a generate that must be refused as invalid input, sending nothing; answers its stderr. */
async function refused(args: string[]): Promise<string> {
  const before = fake.requests.length;
  const result = await generate(args);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(fake.requests.length).toBe(before);
  return result.stderr;
}

describe('seedbank generate: sizes', () => {
  it('asks for 1024×1024 with the default model flux-2-pro when no reference image is given', async () => {
    const [body] = await sent(['--prompt', 'a pebble']);
    expect(fake.submits.at(-1)?.model).toBe('flux-2-pro');
    expect(body).toMatchObject({ width: 1024, height: 1024 });
  });

  it('--aspect on a width/height model picks about 1 MP with that ratio, on the model’s multiples', async () => {
    const [flux2] = await sent(['--prompt', 'a wide field', '--model', 'flux-2-klein-4b', '--aspect', '16:9']);
    const w = flux2?.width as number;
    const h = flux2?.height as number;
    expect(w % 16).toBe(0);
    expect(h % 16).toBe(0);
    expect(w / h).toBeCloseTo(16 / 9, 1);
    expect((w * h) / 2 ** 20).toBeGreaterThan(0.9);
    expect((w * h) / 2 ** 20).toBeLessThan(1.1);
    expect(flux2).not.toHaveProperty('aspect_ratio');

    const [flux1] = await sent(['--prompt', 'a tall tower', '--model', 'flux-pro-1.1', '--aspect', '9:16']);
    const w1 = flux1?.width as number;
    const h1 = flux1?.height as number;
    expect([w1 % 32, h1 % 32]).toEqual([0, 0]);
    expect(Math.min(w1, h1)).toBeGreaterThanOrEqual(256);
    expect(Math.max(w1, h1)).toBeLessThanOrEqual(1440);
    expect(h1).toBeGreaterThan(w1);
  });

  it('--aspect on an aspect-ratio model is sent as aspect_ratio, without width or height', async () => {
    const [body] = await sent(['--prompt', 'a canyon', '--model', 'flux-pro-1.1-ultra', '--aspect', '21:9']);
    expect(body).toMatchObject({ aspect_ratio: '21:9' });
    expect(body).not.toHaveProperty('width');
    expect(body).not.toHaveProperty('height');
  });

  it('refuses an aspect ratio outside the model’s range, and --aspect together with --width/--height', async () => {
    expect(await refused(['--prompt', 'x', '--model', 'flux-kontext-pro', '--aspect', '1:9'])).toMatch(/aspect_ratio/);
    expect(await refused(['--prompt', 'x', '--aspect', '16:9', '--width', '1024', '--height', '576'])).toMatch(
      /--aspect/,
    );
    expect(await refused(['--prompt', 'x', '--width', '1024'])).toMatch(/--width and --height/);
  });
});

describe('seedbank generate: --param', () => {
  it('sends any other field the catalog knows for the model, with numbers and booleans parsed', async () => {
    // flex is the slowest model to finish, so its body is read from --dry-run, which validates it
    // the same way and sends nothing; ultra's goes to BFL.
    const before = fake.requests.length;
    const dry = await generate([
      '--prompt',
      'a lantern',
      '--model',
      'flux-2-flex',
      '--param',
      'steps=20',
      '--param',
      'guidance=3.5',
      '--param',
      'prompt_upsampling=false',
      '--dry-run',
      '--json',
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(fake.requests.length).toBe(before);
    const [plan] = jsonLines(dry.stdout) as { request: { params: Record<string, unknown> } }[];
    expect(plan?.request.params).toMatchObject({ steps: 20, guidance: 3.5, prompt_upsampling: false });
    const [ultra] = await sent(['--prompt', 'a lantern', '--model', 'flux-pro-1.1-ultra', '--param', 'raw=true']);
    expect(ultra).toMatchObject({ raw: true });
  });

  it('refuses a value outside the field’s range, naming the field and the rule, before sending', async () => {
    const stderr = await refused(['--prompt', 'x', '--model', 'flux-2-flex', '--param', 'steps=500']);
    expect(stderr).toMatch(/steps/);
    expect(stderr).toMatch(/at most 50/);
  });

  it('refuses a field the model does not take, and an entry that is not KEY=VALUE', async () => {
    expect(await refused(['--prompt', 'x', '--model', 'flux-2-pro', '--param', 'steps=20'])).toMatch(
      /steps: flux-2-pro does not take this field/,
    );
    expect(await refused(['--prompt', 'x', '--param', 'nonsense=1'])).toMatch(/nonsense/);
    expect(await refused(['--prompt', 'x', '--param', 'steps'])).toMatch(/KEY=VALUE/);
  });
});

describe('seedbank generate: --count', () => {
  it('with --seed S makes N images with the seeds S … S+N−1, each reported with its seed', async () => {
    const before = fake.submits.length;
    const result = await generate([
      '--prompt',
      'five stones',
      '--model',
      'flux-2-klein-4b',
      '--count',
      '3',
      '--seed',
      '40',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const bodies = fake.submits.slice(before).map((s) => (s.body as { seed?: unknown }).seed);
    expect(bodies.sort()).toEqual([40, 41, 42]);
    const lines = jsonLines(result.stdout);
    expect(lines.map((l) => l.seed).sort()).toEqual([40, 41, 42]);
    for (const line of lines) expect(fs.existsSync(line.file as string)).toBe(true);
  });

  it('without --seed gives every image its own random seed', async () => {
    const bodies = await sent(['--prompt', 'many stones', '--model', 'flux-2-klein-4b', '--count', '3']);
    const seeds = bodies.map((b) => b.seed);
    expect(seeds.every((s) => Number.isInteger(s) && (s as number) >= 0)).toBe(true);
    expect(new Set(seeds).size).toBe(3);
  });

  it('refuses a count outside 1–100 before anything is sent', async () => {
    expect(await refused(['--prompt', 'x', '--count', '0'])).toMatch(/--count/);
    expect(await refused(['--prompt', 'x', '--count', 'lots'])).toMatch(/--count/);
  });
});

describe('seedbank on an unexpected failure', () => {
  it('prints one line that names the log file, and writes the details there', async () => {
    // A folder where the database file should be: SQLite cannot open it, which no code path expects.
    fs.mkdirSync(path.join(home, 'library.db'));
    const result = await runCli(['history'], cliEnv({ home, apiBase: fake.apiBase }));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const logFile = path.join(home, 'logs', 'seedbank.log');
    expect(lines[0]).toContain(logFile);
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toMatch(/"level":"error","msg":"command failed"/);
    expect(log).toContain('"stack"');
  });
});
