/**
 * Import and export as a person does them in the browser host: Import with a typed folder,
 * progress, then the summary (imported, duplicates skipped, unreadable with its reason); then
 * export of the selection with a name template and a conversion to WebP, the copies checked
 * with exiftool (the record is in them) and the library's files unchanged.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPngTexts } from '../support/foreign-fixtures';
import { makeTempDir } from '../support/temp';
import { unnamedControls } from './support/a11y';
import { screenshotPath } from './support/browser';
import { startStudio, type Studio } from './support/studio';

/** A PNG as AUTOMATIC1111 writes it: its prompt and seed in a `parameters` text chunk. */
async function png(seed: number, width: number, height: number, prompt: string): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3).map((_, i) => (i * 31 + seed * 97 + ((i / 3 / width) | 0) * 5) % 256);
  const bytes = await sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  const parameters = `${prompt}\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: ${seed}, Size: ${width}x${height}, Model: sdxl`;
  return withPngTexts(bytes, [{ type: 'tEXt', keyword: 'parameters', text: parameters }]);
}

describe('import and export in the studio', () => {
  let studio: Studio;
  let source: string;
  beforeAll(async () => {
    studio = await startStudio();
    source = makeTempDir('seedbank-e2e-import-');
    const first = await png(1234, 96, 64, 'a harbour at dawn, oil painting');
    fs.writeFileSync(path.join(source, 'harbour-at-dawn.png'), first);
    fs.writeFileSync(path.join(source, 'harbour-copy.png'), first);
    fs.writeFileSync(path.join(source, 'lighthouse.png'), await png(77, 64, 96, 'a lighthouse in fog'));
    fs.writeFileSync(path.join(source, 'half-written.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]));
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('imports a typed folder and shows the summary: imported, duplicates skipped, unreadable with reasons', async () => {
    const { page } = studio;
    await page.getByRole('button', { name: 'Import images…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import images from a folder' });
    await dialog.getByLabel('Folder to import (its full path)').fill(path.join(source, 'nowhere'));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    // Refused at the field, nothing imported.
    await dialog
      .getByRole('alert')
      .getByText(/No folder at/)
      .waitFor();

    await dialog.getByLabel('Folder to import (its full path)').fill(source);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = page.getByRole('dialog', { name: 'Import finished' });
    await summary.getByTestId('import-summary').waitFor();
    const counts = await summary.locator('.import-counts').innerText();
    expect(counts.replace(/\s+/g, ' ')).toMatch(
      /Imported 2 \(2 AUTOMATIC1111.*\) Duplicates skipped 1 \(same content already in the library\) Unreadable 1 Files seen 4/,
    );
    expect(await summary.getByRole('list', { name: 'Files that could not be read' }).innerText()).toMatch(
      /^half-written\.jpg: .+/,
    );
    const logLine = await summary.locator('.import-log code').innerText();
    expect(logLine.startsWith(path.join(studio.home, 'logs', 'import-'))).toBe(true);
    expect(fs.readFileSync(logLine, 'utf8')).toContain(path.join(source, 'half-written.jpg'));
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('import-summary') });
    await summary.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('gridcell').count()).toBe(2);
    expect(studio.pageErrors).toEqual([]);
  });

  it('exports the selection with a name template as WebP at a longest side, each copy carrying its record', async () => {
    const { page } = studio;
    const tiles = page.getByRole('gridcell');
    await tiles.nth(0).click();
    await tiles.nth(1).click({ modifiers: ['Control'] });
    await page.getByRole('toolbar', { name: 'Selection' }).getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export 2 images' });
    // The browser host has no folder dialog: Choose… turns the field into a typed path.
    await dialog.getByRole('button', { name: 'Choose…' }).click();
    const destination = path.join(makeTempDir('seedbank-e2e-export-'), 'web');
    await dialog.getByLabel('Export to folder').fill(destination);
    await dialog.getByLabel('File name template').fill('{date}-{colour}');
    await dialog
      .getByRole('alert')
      .getByText(/Unknown token \{colour\}/)
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('File name template').fill('{prompt:20}-{seed}');
    await dialog.getByLabel('Format').selectOption('webp');
    await dialog.getByLabel('Longest side in pixels').fill('48');
    await dialog.getByLabel('Contact sheet').selectOption('png');
    await dialog.getByLabel('Preset name').fill('Web previews');
    await dialog.getByRole('button', { name: 'Save preset' }).click();
    await page.getByText('Preset “Web previews” saved').waitFor();
    expect(await dialog.getByTestId('export-name-preview').innerText()).toMatch(
      /^(a harbour at dawn, o-1234|a lighthouse in fog-77)\.webp$/,
    );
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('export-dialog') });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByText(/2 images exported to .*contact sheet: contact-sheet\.png/).waitFor();

    const files = fs.readdirSync(destination).sort();
    expect(files).toEqual([
      'a harbour at dawn, o-1234.webp',
      'a lighthouse in fog-77.webp',
      'contact-sheet.png',
      'manifest.json',
    ]);
    const tags = JSON.parse(
      execFileSync(
        'exiftool',
        ['-json', '-FileType', '-ImageWidth', '-ImageHeight', '-XMP:Description', '-XMP-seedbank:all', destination],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      ),
    ) as Record<string, unknown>[];
    // exiftool calls a WebP with an XMP chunk "Extended WEBP".
    const copies = tags.filter((t) => String(t.FileType).endsWith('WEBP'));
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      expect(Math.max(Number(copy.ImageWidth), Number(copy.ImageHeight))).toBe(48);
      // The record is in the copy: the prompt, the seed and Seedbank's id, format WebP.
      expect([
        { Description: 'a harbour at dawn, oil painting', Seed: 1234 },
        { Description: 'a lighthouse in fog', Seed: 77 },
      ]).toContainEqual({ Description: copy.Description, Seed: copy.Seed });
      expect(copy).toMatchObject({ Id: expect.stringMatching(/^[0-9a-z]{26}$/) as unknown, Format: 'webp' });
    }

    // The preset saved above fills the dialog the next time.
    await page.getByRole('button', { name: 'Export…' }).click();
    const again = page.getByRole('dialog', { name: 'Export 2 images' });
    await again.getByLabel('Preset', { exact: true }).selectOption('Web previews');
    expect(await again.getByLabel('File name template').inputValue()).toBe('{prompt:20}-{seed}');
    expect(await again.getByLabel('Format').inputValue()).toBe('webp');
    expect(await again.getByLabel('Longest side in pixels').inputValue()).toBe('48');
    expect(await again.getByLabel('Contact sheet').inputValue()).toBe('png');
    await again.getByRole('button', { name: 'Cancel' }).click();
    expect(studio.pageErrors).toEqual([]);
  });

  it('pauses an import between files and cancels it, saying how far it got', async () => {
    const { page } = studio;
    // Enough files that the import is still running when Pause is pressed.
    const big = makeTempDir('seedbank-e2e-import-big-');
    for (let i = 0; i < 400; i++)
      fs.writeFileSync(path.join(big, `frame-${i}.png`), await png(1000 + i, 128, 128, `frame ${i}`));
    await page.getByRole('button', { name: 'Import images…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import images from a folder' });
    await dialog.getByLabel('Folder to import (its full path)').fill(big);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await dialog.getByText(/^Paused from/).waitFor();
    const progress = dialog.getByTestId('import-progress');
    await expect.poll(() => progress.innerText()).toMatch(/of 400 files/);
    await page.screenshot({ path: screenshotPath('import-paused') });
    await dialog.getByRole('button', { name: 'Cancel import' }).click();
    const summary = page.getByRole('dialog', { name: 'Import cancelled' });
    await summary.getByText('Cancelled: the counts say how far it got.').waitFor();
    const counts = (await summary.locator('.import-counts').innerText()).replace(/\s+/g, ' ');
    const imported = Number(/Imported (\d+)/.exec(counts)?.[1]);
    expect(imported).toBeLessThan(400);
    expect(counts).toMatch(/Files seen 400/);
    await summary.getByRole('button', { name: 'Done' }).click();
    expect(studio.pageErrors).toEqual([]);
  });
});
