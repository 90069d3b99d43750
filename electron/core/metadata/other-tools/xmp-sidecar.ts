/**
 * XMP written by Lightroom, Bridge, Capture One or exiftool, embedded in the image or in a
 * `.xmp` sidecar beside it: `dc:description` (used as the prompt, as Seedbank writes it),
 * `xmp:Rating`, `dc:subject` keywords and `lr:hierarchicalSubject` paths (`Places|Paris`).
 */
import { findProperty, NS, parseXmp } from '../xmp';
import type { XmpProperty, XmpValue } from '../xmp';
import type { ForeignReader, ForeignRecord } from './types';
import { emptyRecord } from './types';

const LIGHTROOM_NS = 'http://ns.adobe.com/lightroom/1.0/';
/** Sidecars are a few KB; anything far bigger is not a sidecar worth reading. */
export const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;

function items(value: XmpValue | undefined): string[] {
  if (!value) return [];
  if (value.kind === 'bag' || value.kind === 'seq') return value.items;
  return value.text.trim() === '' ? [] : [value.text];
}

function textOf(value: XmpValue | undefined): string {
  if (!value) return '';
  return value.kind === 'text' || value.kind === 'alt' ? value.text : value.items.join(', ');
}

/** The tags, rating and description the packet states, or null when it states none of them. */
export function recordFromXmpTags(props: readonly XmpProperty[], original: string): ForeignRecord | null {
  const description = textOf(findProperty(props, NS.dc, 'description'));
  const subjects = items(findProperty(props, NS.dc, 'subject'));
  const paths = items(findProperty(props, LIGHTROOM_NS, 'hierarchicalSubject')).map((path) =>
    path
      .split('|')
      .map((part) => part.trim())
      .filter(Boolean)
      .join('/'),
  );
  const ratingText = textOf(findProperty(props, NS.xmp, 'Rating')).trim();
  const rating = ratingText === '' ? NaN : Number(ratingText);
  if (description.trim() === '' && subjects.length === 0 && paths.length === 0 && !Number.isFinite(rating)) return null;
  const record = emptyRecord('xmp', original);
  record.prompt = description;
  record.tags = [...subjects, ...paths];
  // Lightroom writes -1 for "rejected"; the library knows 0..5.
  record.rating = Number.isFinite(rating) ? Math.min(5, Math.max(0, Math.round(rating))) : null;
  return record;
}

export const readEmbeddedXmp: ForeignReader = (found) => recordFromXmpTags(found.xmp, '');

/** A sidecar's text (already read within MAX_SIDECAR_BYTES); null when unreadable or empty. */
export function readXmpSidecar(text: string): ForeignRecord | null {
  try {
    return recordFromXmpTags(parseXmp(text), text);
  } catch {
    return null;
  }
}
