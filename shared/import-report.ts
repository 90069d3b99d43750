/**
 * What an import tells a person while it runs (`tasks:progress` carries the counts) and at its
 * end (`library:import`'s answer carries the report): the same words for the app and the CLI.
 */

export interface ImportCounts {
  /** Image files found in the folder (JPEG, PNG, WebP by name). */
  seen: number;
  imported: number;
  /** Already in the library, by content hash (or by a Seedbank record's id). */
  duplicates: number;
  unreadable: number;
}

export interface ImportReport extends ImportCounts {
  /** The folder imported (a full path). */
  source: string;
  /** Imported images by the tool that made them (`seedbank`, `automatic1111`, …, `file`). */
  byTool: Record<string, number>;
  /** The first files that could not be read, each with why; the log lists them all. */
  unreadableFiles: { file: string; reason: string }[];
  /** True when the person cancelled: the counts say how far it got. */
  cancelled: boolean;
  /** The import's log in the app's logs folder (every file skipped, with its reason), or null if it could not be written. */
  logFile: string | null;
}

/** At most this many unreadable files travel in the answer; the log has every one. */
export const REPORTED_UNREADABLE = 200;

/** The one-line progress both the CLI and the studio show. */
export function importProgressLine(counts: ImportCounts): string {
  const handled = counts.imported + counts.duplicates + counts.unreadable;
  return `${handled} of ${counts.seen} files: ${counts.imported} imported, ${counts.duplicates} duplicates skipped, ${counts.unreadable} unreadable`;
}
