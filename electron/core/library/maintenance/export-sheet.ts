/**
 * Writes an export's contact sheet into the export folder: `contact-sheet.png` (one PNG per
 * page of thirty, numbered when there are more) or `contact-sheet.pdf` (every page in one PDF).
 * Existing files are not overwritten: a new sheet gets a number, like the images.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { claimFileName } from '../../../../shared/export-name';
import { writeFileAtomic } from '../../metadata';
import { loadSharp } from '../files/load-sharp';
import { renderSheetPage, sheetPages, type SheetEntry } from './contact-sheet';
import { pagesToPdf } from './sheet-pdf';

/** Answers with the names of the files written. */
export async function writeContactSheet(
  kind: 'png' | 'pdf',
  target: string,
  entries: readonly SheetEntry[],
): Promise<string[]> {
  const taken = new Set((await readdir(target)).map((name) => name.toLowerCase()));
  const pages = sheetPages(entries);
  if (kind === 'pdf') {
    const sharp = await loadSharp();
    const rendered = [];
    for (const page of pages) {
      const { png, width, height } = await renderSheetPage(page);
      rendered.push({ jpeg: await sharp(png).jpeg({ quality: 88 }).toBuffer(), width, height });
    }
    const name = claimFileName('contact-sheet', 'pdf', taken);
    await writeFileAtomic(path.join(target, name), pagesToPdf(rendered));
    return [name];
  }
  const names: string[] = [];
  for (const [i, page] of pages.entries()) {
    const { png } = await renderSheetPage(page);
    const name = claimFileName(pages.length === 1 ? 'contact-sheet' : `contact-sheet-${i + 1}`, 'png', taken);
    await writeFileAtomic(path.join(target, name), png);
    names.push(name);
  }
  return names;
}
