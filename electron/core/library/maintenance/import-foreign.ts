/**
 * An image another tool made (or any image with no record at all) becomes a library image: its
 * prompt, seed, model and settings as that tool wrote them (see metadata/other-tools), keywords
 * and rating from embedded XMP or a `.xmp` sidecar beside it, and its file name and date kept.
 * The record says where it came from (`source`), so a rebuild restores all of it from the file.
 */
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddedRecord, OutputFormat, RecordSource } from '../../../../shared/types';
import { newId } from '../../ids';
import { detectFormat } from '../../metadata';
import { MAX_SIDECAR_BYTES, readForeignRecord, readXmpSidecar, withXmp } from '../../metadata/other-tools';
import type { ForeignRecord } from '../../metadata/other-tools';
import { cleanTags } from '../db/upsert-generation';
import { RECORD_VERSION } from '../edits/row-to-record';

/** `photo.png.xmp` (exiftool, darktable) or `photo.xmp` (Lightroom, Bridge, Capture One). */
function sidecarCandidates(file: string): string[] {
  const stem = file.slice(0, file.length - path.extname(file).length);
  return [`${file}.xmp`, `${file}.XMP`, `${stem}.xmp`, `${stem}.XMP`];
}

/** The names in a folder, lower-cased (for a lookup that also holds on case-insensitive disks). */
export type FolderNames = (dir: string) => Promise<ReadonlySet<string>>;

/**
 * Lists each folder once per run: looking for sidecars beside 10,000 images is then one
 * `readdir` per folder instead of four `stat`s per image.
 */
export function folderNames(): FolderNames {
  const listed = new Map<string, Promise<ReadonlySet<string>>>();
  return (dir) => {
    let names = listed.get(dir);
    if (!names) {
      names = readdir(dir).then(
        (entries) => new Set(entries.map((name) => name.toLowerCase())),
        () => new Set<string>(),
      );
      listed.set(dir, names);
    }
    return names;
  };
}

/** The sidecar's tags, rating and description, or null; an oversized or unreadable one is ignored. */
export async function readSidecar(file: string, names?: FolderNames): Promise<ForeignRecord | null> {
  const present = names ? await names(path.dirname(file)) : null;
  for (const candidate of sidecarCandidates(file)) {
    if (present && !present.has(path.basename(candidate).toLowerCase())) continue;
    const facts = await stat(candidate).catch(() => null);
    if (!facts?.isFile() || facts.size > MAX_SIDECAR_BYTES) continue;
    const text = await readFile(candidate, 'utf8').catch(() => null);
    if (text !== null) return readXmpSidecar(text);
  }
  return null;
}

/** The tool's own settings, with the negative prompt among them (Seedbank has no field for it). */
function sourceOf(found: ForeignRecord | null, fileName: string | undefined, sha256: string | undefined): RecordSource {
  const source: RecordSource = { tool: found?.tool ?? 'file' };
  if (fileName !== undefined) source.fileName = fileName;
  if (sha256 !== undefined) source.sha256 = sha256;
  if (!found) return source;
  source.parameters = { ...found.parameters };
  if (found.negativePrompt !== null) source.parameters.negativePrompt = found.negativePrompt;
  if (found.original !== '') source.original = found.original;
  if (found.workflow !== undefined) source.workflow = found.workflow;
  return source;
}

export interface ForeignFacts {
  format: OutputFormat;
  /** When the image was made, as far as anyone can tell (the file's modification time). */
  createdAt: Date;
  fileName?: string;
  /** SHA-256 of the file as it is, before Seedbank embeds anything. */
  sha256?: string;
}

/** A Seedbank record for what another tool wrote (or, with `found` null, for a file with no recipe). */
export function recordFromForeign(found: ForeignRecord | null, facts: ForeignFacts): EmbeddedRecord {
  return {
    version: RECORD_VERSION,
    id: newId(facts.createdAt.getTime()),
    model: found?.model ?? '',
    prompt: found?.prompt ?? '',
    upsampledPrompt: null,
    seed: found?.seed ?? null,
    width: found?.width ?? null,
    height: found?.height ?? null,
    format: facts.format,
    params: {},
    inputs: [],
    taskId: null,
    cost: null,
    createdAt: facts.createdAt.toISOString(),
    submittedAt: null,
    finishedAt: null,
    projectName: null,
    favorite: false,
    rating: found?.rating ?? 0,
    tags: cleanTags(found?.tags ?? []),
    source: sourceOf(found, facts.fileName, facts.sha256),
  };
}

export interface ForeignFile {
  file: string;
  bytes: Uint8Array;
  format: OutputFormat;
  facts: Stats;
  sha256: string;
  /** The folder listings of this run, when many files of one folder are read. */
  names?: FolderNames;
}

/** The record a foreign file is imported with. Width and height are the caller's to check against the pixels. */
export async function recordForForeignFile(input: ForeignFile, now: Date): Promise<EmbeddedRecord> {
  const found = withXmp(readForeignRecord(input.bytes), await readSidecar(input.file, input.names));
  const mtime = input.facts.mtimeMs;
  // The file's own date is when the image was made; an import date would bunch years of work together.
  const createdAt = Number.isFinite(mtime) && mtime > 0 ? new Date(mtime) : now;
  return recordFromForeign(found, {
    format: input.format,
    createdAt,
    fileName: path.basename(input.file),
    sha256: input.sha256,
  });
}

/** What another tool embedded in `bytes`, as a record (e.g. for a file dropped onto the window); null when nothing. */
export function foreignRecordOf(bytes: Uint8Array, now: Date): EmbeddedRecord | null {
  const format = detectFormat(bytes);
  const found = format ? readForeignRecord(bytes) : null;
  return format && found ? recordFromForeign(found, { format, createdAt: now }) : null;
}
