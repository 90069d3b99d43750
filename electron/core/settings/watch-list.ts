/**
 * The watch list as it is kept in `settings.json` (key `watchedFolders`): the folders a person
 * asked Seedbank to index in place. It is not part of the page-writable settings patch: a page
 * adds a folder only through `watched:add`, whose folder comes from the dialog (app) or the
 * typed-folder rule (browser host), never by writing a path into the settings.
 */
import path from 'node:path';
import { z } from 'zod';
import { isSeedbankId } from '../ids';

export interface StoredWatchedFolder {
  /** A Seedbank id: the folder's rows live under `watched/<id>/…`. */
  id: string;
  /** Absolute, links resolved when it was added. */
  path: string;
}

export const WATCH_LIST_KEY = 'watchedFolders';

const Entry = z
  .object({
    id: z.string().refine(isSeedbankId, 'must be a Seedbank id'),
    path: z
      .string()
      .min(1)
      .max(4096)
      .refine((value) => path.isAbsolute(value) && !value.includes('\0'), 'must be a full path'),
  })
  .strict();

/** The valid entries of whatever the file holds (a hand-edited file may hold anything), each id once. */
export function parseWatchList(raw: unknown): StoredWatchedFolder[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const list: StoredWatchedFolder[] = [];
  for (const item of raw) {
    const parsed = Entry.safeParse(item);
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    list.push(parsed.data);
  }
  return list;
}
