/**
 * A PDF of contact-sheet pages, written directly: each page one JPEG image (PDF's DCTDecode
 * filter takes JPEG bytes as they are), so no PDF library is needed. The structure is the
 * minimum PDF 1.4 asks for (ISO 32000-1 §7.5): header, numbered objects, the cross-reference
 * table with each object's byte offset, and the trailer.
 */

export interface PdfPage {
  jpeg: Buffer;
  /** Pixel size of the JPEG. */
  width: number;
  height: number;
}

/** Pixels at 96 per inch become points (72 per inch), so a page prints at its screen size. */
const POINTS_PER_PIXEL = 72 / 96;

export function pagesToPdf(pages: readonly PdfPage[]): Buffer {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: Buffer | string) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(buffer);
    length += buffer.length;
  };
  const object = (id: number, body: (string | Buffer)[]) => {
    offsets[id] = length;
    push(`${id} 0 obj\n`);
    for (const part of body) push(part);
    push('\nendobj\n');
  };

  // Objects: 1 catalog, 2 page tree, then per page: page, content stream, image.
  const pageId = (i: number) => 3 + i * 3;
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  const kids = pages.map((_, i) => `${pageId(i)} 0 R`).join(' ');
  object(2, [`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`]);
  pages.forEach((page, i) => {
    const w = (page.width * POINTS_PER_PIXEL).toFixed(2);
    const h = (page.height * POINTS_PER_PIXEL).toFixed(2);
    const id = pageId(i);
    object(id, [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Sheet ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R >>`,
    ]);
    const content = `q ${w} 0 0 ${h} 0 0 cm /Sheet Do Q`;
    object(id + 1, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    object(id + 2, [
      `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n`,
      page.jpeg,
      '\nendstream',
    ]);
  });
  const count = 3 + pages.length * 3;
  const xref = length;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
