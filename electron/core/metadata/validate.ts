/**
 * Checks a record before it is written into a file: a record that could not be read back
 * exactly (a NaN seed, a rating of 7, params that are not JSON) is refused up front rather than
 * silently changed on disk.
 */
import { SeedbankError } from '../../../shared/errors';
import type { EmbeddedRecord } from '../../../shared/types';

function invalid(field: string, message: string): SeedbankError {
  return new SeedbankError('INVALID_INPUT', `Cannot embed record: ${message}`, field);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function assertEmbeddable(record: EmbeddedRecord): void {
  const requireString = (field: keyof EmbeddedRecord, nonEmpty: boolean): void => {
    const value = record[field];
    if (typeof value !== 'string' || (nonEmpty && value === '')) {
      throw invalid(field, `${field} must be a ${nonEmpty ? 'non-empty ' : ''}string`);
    }
  };
  const requireNullable = (field: keyof EmbeddedRecord, kind: 'string' | 'number'): void => {
    const value = record[field];
    if (value === null) return;
    if (typeof value !== kind || (kind === 'number' && !Number.isFinite(value))) {
      throw invalid(field, `${field} must be ${kind === 'number' ? 'a finite number' : 'a string'} or null`);
    }
  };

  requireString('id', true);
  requireString('model', false);
  requireString('prompt', false);
  requireString('createdAt', true);
  if (typeof record.version !== 'number' || !Number.isFinite(record.version))
    throw invalid('version', 'version must be a finite number');
  for (const field of ['seed', 'width', 'height', 'cost'] as const) requireNullable(field, 'number');
  for (const field of ['upsampledPrompt', 'taskId', 'submittedAt', 'finishedAt', 'projectName'] as const)
    requireNullable(field, 'string');
  if (!['jpeg', 'png', 'webp'].includes(record.format)) throw invalid('format', 'format must be jpeg, png or webp');
  if (typeof record.favorite !== 'boolean') throw invalid('favorite', 'favorite must be a boolean');
  if (!Number.isInteger(record.rating) || record.rating < 0 || record.rating > 5) {
    throw invalid('rating', 'rating must be a whole number from 0 to 5');
  }
  for (const field of ['inputs', 'tags'] as const) {
    const list: unknown = record[field];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw invalid(field, `${field} must be a list of strings`);
    }
  }
  if (record.source !== undefined) assertSource(record.source);
  if (!isPlainObject(record.params)) throw invalid('params', 'params must be a plain object');
  try {
    // Params are stored as JSON; anything JSON cannot hold (BigInt, cycles) would be lost.
    JSON.stringify(record.params);
  } catch (err) {
    throw invalid('params', `params cannot be stored as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

function assertSource(source: unknown): void {
  if (!isPlainObject(source) || typeof source.tool !== 'string' || source.tool === '') {
    throw invalid('source', 'source must be an object with a non-empty tool');
  }
  for (const field of ['fileName', 'original', 'workflow', 'sha256']) {
    if (source[field] !== undefined && typeof source[field] !== 'string') {
      throw invalid('source', `source.${field} must be a string`);
    }
  }
  const parameters = source.parameters;
  if (parameters === undefined) return;
  const ok =
    isPlainObject(parameters) &&
    Object.values(parameters).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  if (!ok) throw invalid('source', 'source.parameters must map names to strings or finite numbers');
}
