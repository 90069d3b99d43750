/**
 * The full-text index over prompt, upsampled prompt, tags and the imported file's name (FTS5),
 * kept in sync by triggers so
 * every writer — this app, the CLI, a rebuild — updates it without remembering to.
 *
 * The FTS rowid is `generations.seq`, a stable integer we assign, not the table's implicit rowid:
 * a table with a TEXT primary key may renumber its rowids on VACUUM, which would silently
 * detach the index from its rows.
 */
import type { DatabaseSync } from 'node:sqlite';
import { prepared } from './statements';

/** Asked by every search page: the statement is cached, compiling it cost more than running it. */
export function searchIndexExists(db: DatabaseSync): boolean {
  const row = prepared(
    db,
    "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'generations_fts'",
  ).get();
  return row !== undefined;
}

/** Drops the FTS table and its triggers, so a migration can create them in a new shape. */
export function dropSearchIndex(db: DatabaseSync): void {
  db.exec(`
    DROP TRIGGER IF EXISTS generations_fts_insert;
    DROP TRIGGER IF EXISTS generations_fts_seq;
    DROP TRIGGER IF EXISTS generations_fts_update;
    DROP TRIGGER IF EXISTS generations_fts_delete;
    DROP TRIGGER IF EXISTS generation_tags_fts_insert;
    DROP TRIGGER IF EXISTS generation_tags_fts_delete;
    DROP TABLE IF EXISTS generations_fts;
  `);
}

/**
 * Creates the FTS table and its triggers and fills it from the rows already there. Needs the
 * schema of v5 (`generations.source_name`, the file name an image was imported under).
 */
export function createSearchIndex(db: DatabaseSync): void {
  db.exec(`
    CREATE VIRTUAL TABLE generations_fts USING fts5(prompt, upsampled_prompt, tags, file_name, tokenize = 'unicode61 remove_diacritics 2');

    -- A row inserted without seq gets one from generations_assign_seq (an UPDATE OF seq), so the
    -- index is filled on whichever of the two paths carries the seq, in any trigger order.
    CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations WHEN new.seq IS NOT NULL BEGIN
      INSERT INTO generations_fts(rowid, prompt, upsampled_prompt, tags, file_name)
        VALUES (new.seq, new.prompt, coalesce(new.upsampled_prompt, ''), '', coalesce(new.source_name, ''));
    END;
    CREATE TRIGGER generations_fts_seq AFTER UPDATE OF seq ON generations BEGIN
      DELETE FROM generations_fts WHERE rowid = old.seq;
      INSERT INTO generations_fts(rowid, prompt, upsampled_prompt, tags, file_name)
        VALUES (new.seq, new.prompt, coalesce(new.upsampled_prompt, ''),
                coalesce((SELECT group_concat(tag, ' ') FROM generation_tags WHERE generation_id = new.id), ''),
                coalesce(new.source_name, ''));
    END;
    CREATE TRIGGER generations_fts_update AFTER UPDATE OF prompt, upsampled_prompt, source_name ON generations BEGIN
      UPDATE generations_fts SET prompt = new.prompt, upsampled_prompt = coalesce(new.upsampled_prompt, ''),
          file_name = coalesce(new.source_name, '')
        WHERE rowid = new.seq;
    END;
    CREATE TRIGGER generations_fts_delete AFTER DELETE ON generations BEGIN
      DELETE FROM generations_fts WHERE rowid = old.seq;
    END;
    CREATE TRIGGER generation_tags_fts_insert AFTER INSERT ON generation_tags BEGIN
      UPDATE generations_fts SET tags = (SELECT group_concat(tag, ' ') FROM generation_tags WHERE generation_id = new.generation_id)
        WHERE rowid = (SELECT seq FROM generations WHERE id = new.generation_id);
    END;
    CREATE TRIGGER generation_tags_fts_delete AFTER DELETE ON generation_tags BEGIN
      UPDATE generations_fts SET tags = coalesce((SELECT group_concat(tag, ' ') FROM generation_tags WHERE generation_id = old.generation_id), '')
        WHERE rowid = (SELECT seq FROM generations WHERE id = old.generation_id);
    END;

    INSERT INTO generations_fts(rowid, prompt, upsampled_prompt, tags, file_name)
      SELECT g.seq, g.prompt, coalesce(g.upsampled_prompt, ''),
             coalesce((SELECT group_concat(tag, ' ') FROM generation_tags t WHERE t.generation_id = g.id), ''),
             coalesce(g.source_name, '')
      FROM generations g;
  `);
}

/**
 * Turns what a person typed into a safe FTS5 query: each word becomes a quoted term, so FTS
 * syntax in the text (quotes, `NEAR`, `-`, `:`, `*`) is matched as plain words instead of being
 * parsed. Only the last word is a prefix (`"astro"*`): it is the one being typed, so "astro"
 * finds "astronaut"; the words before it are finished, and matching them exactly spares FTS5
 * the merge of every token that starts with them (the slow part of a prefix query).
 * Null when no word is left.
 */
export function toFtsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((word, i) => (i === words.length - 1 ? `"${word}"*` : `"${word}"`)).join(' ');
}

/**
 * Restricts an FTS query to the person's own words — prompt, tags, file name — leaving out the
 * prompt BFL rewrote, whose added words ("detailed", "soft natural light") would match nearly
 * every upsampled image. A column filter, so the one index serves both searches.
 */
export function ownWordsOnly(query: string): string {
  return `{prompt tags file_name} : (${query})`;
}

/** The words of a search: letters and digits only, as the unicode61 tokenizer splits them. */
export function searchWords(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32);
}
