/**
 * EXIF UserComment (EXIF 2.3 §4.6.5): 8 bytes naming the character code, then the text.
 * AUTOMATIC1111 and Forge write `UNICODE` as UTF-16 big-endian whatever the EXIF byte order
 * says, other writers follow the byte order, so the order is decided from the bytes themselves.
 */
import exifReader from 'exif-reader';

/** Comments longer than this are cut: a recipe is a few KB, a hostile file may claim megabytes. */
export const MAX_COMMENT_BYTES = 4 * 1024 * 1024;

const decoders = {
  ascii: new TextDecoder('latin1'),
  utf8: new TextDecoder('utf-8'),
  le: new TextDecoder('utf-16le'),
  be: new TextDecoder('utf-16be'),
};

function prefix(bytes: Uint8Array): string {
  return decoders.ascii.decode(bytes.subarray(0, 8));
}

/** Big-endian when the high (zero) bytes of Latin text sit at even offsets; a BOM settles it. */
function isBigEndian(text: Uint8Array, exifBigEndian: boolean): boolean {
  if (text[0] === 0xfe && text[1] === 0xff) return true;
  if (text[0] === 0xff && text[1] === 0xfe) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < Math.min(text.length, 512); i += 2) {
    if (text[i] === 0) even++;
    if (text[i + 1] === 0) odd++;
  }
  return even === odd ? exifBigEndian : even > odd;
}

/** The comment's text; invalid UTF-16 (lone surrogates) becomes U+FFFD rather than an error. */
export function decodeUserComment(raw: Uint8Array, exifBigEndian: boolean): string | null {
  if (raw.length < 8) return null;
  const code = prefix(raw);
  let text = raw.subarray(8, 8 + MAX_COMMENT_BYTES);
  let decoded: string;
  if (code.startsWith('UNICODE')) {
    const bigEndian = isBigEndian(text, exifBigEndian);
    if (text[0] === 0xfe || text[0] === 0xff) text = text.subarray(2);
    decoded = (bigEndian ? decoders.be : decoders.le).decode(text.subarray(0, text.length & ~1));
  } else if (code.startsWith('ASCII') || code === '\0\0\0\0\0\0\0\0') {
    // "Undefined" code: in practice UTF-8 from tools that ignore the rule.
    decoded = decoders.utf8.decode(text);
  } else {
    return null;
  }
  // Trailing NULs pad the value; trimmed by hand, as /\0+$/ rescans every run of NULs (quadratic).
  let end = decoded.length;
  while (end > 0 && decoded.charCodeAt(end - 1) === 0) end--;
  const trimmed = decoded.slice(0, end);
  return trimmed.trim() === '' ? null : trimmed;
}

/** The UserComment from EXIF TIFF data, or null when there is none or the EXIF is unreadable. */
export function readUserComment(tiff: Uint8Array): string | null {
  try {
    const exif = exifReader(Buffer.from(tiff.buffer, tiff.byteOffset, tiff.byteLength));
    const raw: unknown = exif.Photo?.UserComment;
    return raw instanceof Uint8Array ? decodeUserComment(raw, exif.bigEndian) : null;
  } catch {
    // exif-reader throws on a malformed header; that file simply has no comment we can read.
    return null;
  }
}
