/**
 * `seedbank export DIR`: the same export as the studio's, with the same file-name rule —
 * a template, a conversion whose copies carry the record (read back with exiftool), and a
 * template the rule refuses, named in one line with exit 2.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { withPngTexts } from '../support/foreign-fixtures';
import { buildCli, cliEnv, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
let home: string;
const env = () => cliEnv({ home, apiBase: fake.apiBase });

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
  home = tempHome();
  const source = tempHome();
  const data = Buffer.alloc(80 * 40 * 3).map((_, i) => (i * 13) % 256);
  const png = await sharp(data, { raw: { width: 80, height: 40, channels: 3 } })
    .png()
    .toBuffer();
  const parameters = 'koi pond under maple leaves\nSteps: 20, Sampler: Euler a, Seed: 31337, Size: 80x40, Model: sdxl';
  fs.writeFileSync(
    path.join(source, 'koi.png'),
    withPngTexts(png, [{ type: 'tEXt', keyword: 'parameters', text: parameters }]),
  );
  const imported = await runCli(['import', source, '--quiet'], env());
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);
afterAll(() => fake.close());

describe('seedbank export', () => {
  it('names copies from a template and converts them, each carrying its record', async () => {
    const out = path.join(tempHome(), 'jpeg');
    const result = await runCli(
      ['export', out, '--unsorted', '--name', '{seed}-{prompt:8}', '--format', 'jpeg', '--max-side', '20'],
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^1 images exported to /);
    expect(fs.readdirSync(out).sort()).toEqual(['31337-koi pond.jpg', 'manifest.json']);
    const [tags] = JSON.parse(
      execFileSync(
        'exiftool',
        [
          '-json',
          '-FileType',
          '-ImageWidth',
          '-XMP:Description',
          '-XMP-seedbank:Seed',
          path.join(out, '31337-koi pond.jpg'),
        ],
        {
          encoding: 'utf8',
        },
      ),
    ) as Record<string, unknown>[];
    expect(tags).toMatchObject({
      FileType: 'JPEG',
      ImageWidth: 20,
      Description: 'koi pond under maple leaves',
      Seed: 31337,
    });
  });

  it('refuses a template with an unknown token, naming it, and writes nothing', async () => {
    const out = path.join(tempHome(), 'never');
    const result = await runCli(['export', out, '--unsorted', '--name', '{date}-{colour}'], env());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Unknown token \{colour\}/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
