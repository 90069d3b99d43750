/**
 * Where a library file lives, relative to the library folder. A generation's home is
 * `images/<yyyy-mm>/<id>.<ext>` (by creation month, so files never move when a project is
 * renamed); in the trash it sits at `trash/<home>`, which makes restoring a rename back.
 */
import path from 'node:path';
import type { OutputFormat } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import { isSeedbankId } from '../../ids';

/** Every name part comes from validated values: an id Seedbank issues, a sha256, a month. */
function checkedId(id: string): string {
  if (!isSeedbankId(id)) throw new SeedbankError('INVALID_INPUT', `'${id.slice(0, 80)}' is not a Seedbank id`, 'id');
  return id;
}

const SHA256 = /^[0-9a-f]{64}$/;

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
  return `images/${month}/${checkedId(id)}.${IMAGE_EXTENSIONS[format]}`;
}

export function trashedLocation(home: string): string {
  return `trash/${home}`;
}

export function thumbLocation(id: string, trashed: boolean): string {
  return trashed ? `trash/thumbs/${checkedId(id)}.webp` : `thumbs/${checkedId(id)}.webp`;
}

export function inputLocation(hash: string, format: OutputFormat): string {
  if (!SHA256.test(hash)) throw new SeedbankError('INVALID_INPUT', 'a reference image is named by its sha256', 'hash');
  return `inputs/${hash}.${IMAGE_EXTENSIONS[format]}`;
}

/**
 * Resolves a library-relative path (`images/2026-11/<id>.jpg`), refusing anything that would
 * leave its own top folder: no `..` or `.` parts, no empty parts, no backslashes or NULs, not
 * absolute — so `images/../library.db` or `thumbs/../images/x` never resolve at all. The one
 * check every path the library builds goes through before it is read or written.
 */
export function absolutePath(home: string, relative: string): string {
  const parts = relative.split('/');
  const unsafe =
    path.isAbsolute(relative) ||
    parts.length < 2 ||
    parts.some((part) => part === '' || part === '.' || part === '..' || /[\\\0]/.test(part));
  const root = path.resolve(home);
  const folder = path.join(root, parts[0] ?? '');
  const resolved = path.resolve(root, ...parts);
  if (unsafe || !resolved.startsWith(folder + path.sep)) {
    throw new SeedbankError('INVALID_INPUT', `Path '${relative.slice(0, 200)}' is outside its library folder`);
  }
  return resolved;
}

/** A path relative to the library folder with forward slashes on every platform. */
export function relativePath(home: string, absolute: string): string {
  return path.relative(home, absolute).split(path.sep).join('/');
}
