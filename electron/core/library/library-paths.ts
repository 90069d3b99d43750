/**
 * Where a library file lives, relative to the library folder. A generation's home is
 * `images/<yyyy-mm>/<id>.<ext>` (by creation month, so files never move when a project is
 * renamed); in the trash it sits at `trash/<home>`, which makes restoring a rename back.
 */
import path from 'node:path';
import type { OutputFormat } from '../../../shared/types';
import { SeedbankError } from '../../../shared/errors';

export const IMAGE_EXTENSIONS: Record<OutputFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

export function formatFromExtension(file: string): OutputFormat | null {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (ext === 'jpg' || ext === 'jpeg') return 'jpeg';
  if (ext === 'png') return 'png';
  if (ext === 'webp') return 'webp';
  return null;
}

/** `images/2026-11/<id>.jpg`: the month is the creation month in UTC, so every machine agrees. */
export function imageHome(id: string, createdAt: string, format: OutputFormat): string {
  const month = new Date(createdAt).toISOString().slice(0, 7);
  return `images/${month}/${id}.${IMAGE_EXTENSIONS[format]}`;
}

export function trashedLocation(home: string): string {
  return `trash/${home}`;
}

export function thumbLocation(id: string, trashed: boolean): string {
  return trashed ? `trash/thumbs/${id}.webp` : `thumbs/${id}.webp`;
}

export function inputLocation(hash: string, format: OutputFormat): string {
  return `inputs/${hash}.${IMAGE_EXTENSIONS[format]}`;
}

/** Resolves a library-relative path, refusing anything that would land outside the library. */
export function absolutePath(home: string, relative: string): string {
  const resolved = path.resolve(home, relative);
  const root = path.resolve(home);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) {
    throw new SeedbankError('INVALID_INPUT', `Path '${relative}' is outside the library`);
  }
  return resolved;
}

/** A path relative to the library folder with forward slashes on every platform. */
export function relativePath(home: string, absolute: string): string {
  return path.relative(home, absolute).split(path.sep).join('/');
}
