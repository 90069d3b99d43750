/**
 * A contact sheet: the exported images on one page each of a few dozen — each a thumbnail with
 * its prompt (cut to one line) and seed under it — drawn with sharp: the thumbnails composited
 * onto a white page and the captions as SVG text (librsvg renders it with the system's fonts).
 * Prompts are text from people and other tools, so every caption is XML-escaped.
 */
import { loadSharp } from '../files/load-sharp';
import { MAX_DECODE_PIXELS } from '../files/untrusted-image';

export interface SheetEntry {
  /** The image file (the library's original: only read). */
  file: string;
  prompt: string;
  seed: number | null;
  /** The exported file's name, so a person can find it. */
  name: string;
}

export const SHEET_COLUMNS = 5;
export const SHEET_ROWS = 6;
const CELL = 240;
const GAP = 16;
const CAPTION = 44;
const PROMPT_CHARS = 32;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function oneLine(text: string, max: number): string {
  // Control characters would make the SVG invalid; a cut never splits a surrogate pair.
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u001f\u007f]+/g;
  const chars = [...text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** The entries split into pages of `SHEET_COLUMNS × SHEET_ROWS`. */
export function sheetPages<T>(entries: readonly T[]): T[][] {
  const perPage = SHEET_COLUMNS * SHEET_ROWS;
  const pages: T[][] = [];
  for (let i = 0; i < entries.length; i += perPage) pages.push(entries.slice(i, i + perPage));
  return pages;
}

/** One page of the sheet as PNG bytes. */
export async function renderSheetPage(
  entries: readonly SheetEntry[],
): Promise<{ png: Buffer; width: number; height: number }> {
  const sharp = await loadSharp();
  const columns = Math.min(SHEET_COLUMNS, Math.max(1, entries.length));
  const rows = Math.max(1, Math.ceil(entries.length / columns));
  const width = GAP + columns * (CELL + GAP);
  const height = GAP + rows * (CELL + CAPTION + GAP);
  const tiles = await Promise.all(
    entries.map(async (entry, i) => {
      const left = GAP + (i % columns) * (CELL + GAP);
      const top = GAP + Math.floor(i / columns) * (CELL + CAPTION + GAP);
      const input = await sharp(entry.file, { failOn: 'none', limitInputPixels: MAX_DECODE_PIXELS })
        .rotate()
        .resize({ width: CELL, height: CELL, fit: 'contain', background: '#eeeeee' })
        .png()
        .toBuffer()
        .catch(() => null);
      return { entry, left, top, input };
    }),
  );
  const captions = tiles
    .map(({ entry, left, top }) => {
      const prompt = escapeXml(oneLine(entry.prompt || entry.name, PROMPT_CHARS));
      const seed = escapeXml(oneLine(`seed ${entry.seed ?? '—'} · ${entry.name}`, PROMPT_CHARS + 4));
      return (
        `<text x="${left}" y="${top + CELL + 18}" font-size="13" fill="#111">${prompt}</text>` +
        `<text x="${left}" y="${top + CELL + 36}" font-size="11" fill="#555">${seed}</text>`
      );
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif">${captions}</svg>`;
  const png = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([
      ...tiles.flatMap(({ input, left, top }) => (input ? [{ input, left, top }] : [])),
      { input: Buffer.from(svg), left: 0, top: 0 },
    ])
    .png()
    .toBuffer();
  return { png, width, height };
}
