/**
 * The grammar of a served path: what a request may name, checked before the disk is touched.
 * A well-formed path from us (see `encodeServedPath`) is plain segments joined by `/`, each
 * percent-encoded once. Anything else is refused outright rather than normalised, because every
 * normalisation is a chance to step outside: empty, `.` and `..` segments (raw or encoded), a
 * slash, backslash or colon inside a segment (encoded separators, drive letters, UNC paths, NTFS
 * streams), NUL and other control characters, a `%` left after one decoding (double encoding),
 * and Windows device names, which Windows opens whatever folder they appear in.
 */

/** Device names Windows opens in any folder (`images\CON.jpg` is the console). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[/\\:%\u0000-\u001f\u007f]/;

/** True when one decoded segment may name a file or folder. */
function isPlainSegment(segment: string): boolean {
  if (segment === '' || segment === '.' || segment === '..') return false;
  return !FORBIDDEN_CHARACTERS.test(segment) && !WINDOWS_DEVICE.test(segment);
}

/**
 * The decoded segments of a raw URL path (still percent-encoded, without query or fragment,
 * without a leading slash), or null when the path breaks the grammar.
 */
export function segmentsOfUrlPath(rawPath: string): string[] | null {
  if (rawPath.includes('\\')) return null;
  const segments: string[] = [];
  for (const part of rawPath.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (!isPlainSegment(decoded)) return null;
    segments.push(decoded);
  }
  return segments;
}

/**
 * The segments of a library-relative path as stored in the database (`images/2026-11/<id>.jpg`,
 * not encoded), or null when it breaks the same grammar.
 */
export function segmentsOfRelativePath(relativePath: string): string[] | null {
  const segments = relativePath.split('/');
  return segments.every(isPlainSegment) ? segments : null;
}

/** A library-relative path as the path of a URL: each segment percent-encoded once. */
export function encodeServedPath(relativePath: string): string {
  return relativePath
    .split(/[\\/]/)
    .filter((segment) => segment.length > 0)
    .map(encodeURIComponent)
    .join('/');
}
