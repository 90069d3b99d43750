import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { readRecordFromFile } from '../../electron/core/metadata';
import { BIN, buildCli, cliEnv, finished, jsonLines, runCli, startCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let home: string;
const KLEIN = ['--model', 'flux-2-klein-4b'];
const SHAPE = [
  'id',
  'taskId',
  'status',
  'model',
  'prompt',
  'upsampledPrompt',
  'seed',
  'width',
  'height',
  'file',
  'cost',
  'createdAt',
  'error',
];

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
});
afterAll(() => fake.close());
beforeEach(() => {
  home = tempHome();
});

const env = (extra: Parameters<typeof cliEnv>[0] extends infer E ? Partial<E> : never = {}) =>
  cliEnv({ home, apiBase: fake.apiBase, ...extra });

describe('seedbank generate', () => {
  it('npx seedbank generate leaves an image whose embedded record has the prompt', async () => {
    const child = startCli(['generate', '--prompt', 'an owl at dusk', ...KLEIN], env(), [
      'npx',
      '--offline',
      'seedbank',
    ]);
    const result = await finished(child);
    expect(result.stderr).not.toMatch(/at .+\.m?js:\d+/);
    expect(result.code).toBe(0);
    const file = result.stdout.trim().split('  ')[0]!;
    expect(path.isAbsolute(file)).toBe(true);
    const record = await readRecordFromFile(file);
    expect(record?.prompt).toBe('an owl at dusk');
    expect(record?.model).toBe('flux-2-klein-4b');
  });

  it('prints one JSON line per job with exactly the documented shape, matching history', async () => {
    const submitsBefore = fake.submits.length;
    const result = await runCli(
      ['generate', '--prompt', 'three pears', ...KLEIN, '--count', '2', '--seed', '11', '--json'],
      env(),
    );
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(SHAPE);
      expect(line.status).toBe('done');
      expect(line.prompt).toBe('three pears');
      expect(line.error).toBeNull();
      expect(line.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(fs.existsSync(line.file as string)).toBe(true);
    }
    expect(lines.map((l) => l.seed).sort()).toEqual([11, 12]);
    expect(fake.submits.length - submitsBefore).toBe(2);

    const history = await runCli(['history', '--json'], env());
    expect(history.code).toBe(0);
    const listed = jsonLines(history.stdout);
    expect(listed.map((l) => l.id).sort()).toEqual(lines.map((l) => l.id).sort());
    expect(Object.keys(listed[0]!)).toEqual(SHAPE);
  });

  it('reports a failed job as a JSON line with its error and the job id', async () => {
    const result = await runCli(['generate', '--prompt', 'a wall [fake:error]', ...KLEIN, '--json'], env());
    expect(result.code).toBe(1);
    const [line] = jsonLines(result.stdout);
    expect(line?.status).toBe('failed');
    expect(line?.file).toBeNull();
    const error = line?.error as { code: unknown; message: unknown } | null;
    expect(typeof error?.code).toBe('string');
    expect(String(error?.message)).toContain('Error');
    expect(typeof line?.id).toBe('string');
  });

  it('--dry-run validates and estimates but sends nothing', async () => {
    const before = fake.requests.length;
    const result = await runCli(['generate', '--prompt', 'a kite', '--count', '3', '--dry-run'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/estimated 9 credits/);
    expect(fake.requests.length).toBe(before);
  });

  it('--max-cost refuses a batch over budget with exit 4, sending nothing', async () => {
    const before = fake.requests.length;
    const result = await runCli(['generate', '--prompt', 'a kite', '--count', '4', '--max-cost', '10'], env());
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/max-cost/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(fake.requests.length).toBe(before);
  });

  it('asks for --yes before a batch over the confirmation threshold (exit 4, nothing sent), sends it with --yes', async () => {
    const before = fake.requests.length;
    const args = ['generate', '--prompt', 'seventeen kites', '--count', '17', '--json'];
    const refused = await runCli(args, env());
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/threshold of 50 credits.*--yes/s);
    expect(fake.requests.length).toBe(before);

    const sent = await runCli([...args, '--yes'], env());
    expect(sent.code).toBe(0);
    expect(jsonLines(sent.stdout)).toHaveLength(17);
  });

  it('reads the prompt from stdin with --prompt-file -', async () => {
    const result = await runCli(['generate', '--prompt-file', '-', ...KLEIN, '--json'], env(), 'a moth on a lamp\n');
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)[0]?.prompt).toBe('a moth on a lamp');
  });

  it('sends a reference image given with --input and follows its size', async () => {
    const source = jsonLines(
      (await runCli(['generate', '--prompt', 'a source', ...KLEIN, '--json'], env())).stdout,
    )[0]!;
    const result = await runCli(
      ['generate', '--prompt', 'the same at night', ...KLEIN, '--input', source.file as string, '--json'],
      env(),
    );
    expect(result.code).toBe(0);
    const body = fake.submits.at(-1)?.body as Record<string, unknown>;
    expect(typeof body.input_image).toBe('string');
    expect(body.width).toBeUndefined();
  });

  it('--help and --version work on every command', async () => {
    const commands = [
      [],
      ['generate'],
      ['resume'],
      ['cancel'],
      ['history'],
      ['key'],
      ['key', 'set'],
      ['credits'],
      ['rebuild'],
      ['import'],
    ];
    await Promise.all(
      commands.map(async (command) => {
        const help = await runCli([...command, '--help'], env());
        expect(help.code, command.join(' ')).toBe(0);
        expect(help.stdout).toMatch(/Usage: seedbank/);
        const version = await runCli([...command, '--version'], env());
        expect(version.code).toBe(0);
        expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      }),
    );
  });

  it('is run through bin/seedbank.js', () => {
    expect(fs.existsSync(BIN)).toBe(true);
  });
});
