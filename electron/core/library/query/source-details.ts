/**
 * The source of an imported image as the detail view shows it: the other tool's name, original
 * text and settings, stored as JSON on the row (schema v5) and read back defensively.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SourceDetails } from '../../../../shared/types';

function isSettings(value: unknown): value is Record<string, string | number> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number')
  );
}

export function sourceDetails(db: DatabaseSync, id: string): SourceDetails | null {
  const row = db.prepare('SELECT source_json FROM generations WHERE id = ?').get(id) as
    { source_json: string | null } | undefined;
  return parseSourceDetails(row?.source_json ?? null);
}

/** A row's `source_json` read defensively (either store): null unless it names the tool. */
export function parseSourceDetails(sourceJson: string | null): SourceDetails | null {
  if (!sourceJson) return null;
  let json: unknown;
  try {
    json = JSON.parse(sourceJson);
  } catch {
    return null;
  }
  if (json === null || typeof json !== 'object') return null;
  const { tool, fileName, original, parameters, hasWorkflow } = json as Record<string, unknown>;
  if (typeof tool !== 'string') return null;
  const details: SourceDetails = { tool, hasWorkflow: hasWorkflow === true };
  if (typeof fileName === 'string') details.fileName = fileName;
  if (typeof original === 'string') details.original = original;
  if (isSettings(parameters)) details.parameters = parameters;
  return details;
}
