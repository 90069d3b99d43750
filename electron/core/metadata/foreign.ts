/**
 * Properties other tools put in a file's XMP (camera data, a generator's own notes, edits made in
 * another app) are carried over when Seedbank rewrites the packet, so embedding a record never
 * deletes someone else's metadata. Only the shapes the packet model holds survive: simple text,
 * x-default alternatives, bags and seqs; structs and qualifiers are dropped.
 */
import { isXmlSafe, NS } from './xmp';
import type { XmpProperty } from './xmp';

/** Standard properties Seedbank writes itself; an earlier value of these is replaced. */
const OWNED = new Set([
  `${NS.dc}description`,
  `${NS.dc}subject`,
  `${NS.xmp}CreateDate`,
  `${NS.xmp}CreatorTool`,
  `${NS.xmp}Rating`,
  `${NS.xmpNote}HasExtendedXMP`,
]);

function safe(property: XmpProperty): boolean {
  const { value } = property;
  return value.kind === 'text' || value.kind === 'alt' ? isXmlSafe(value.text) : value.items.every(isXmlSafe);
}

export function foreignProperties(existing: readonly XmpProperty[]): XmpProperty[] {
  const seen = new Set<string>();
  return existing.filter((property) => {
    const key = `${property.ns}${property.name}`;
    if (property.ns === NS.seedbank || OWNED.has(key) || seen.has(key) || !safe(property)) return false;
    seen.add(key);
    return true;
  });
}
