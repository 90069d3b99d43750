/**
 * Schema v2: what the library adds on top of v1 — favourite, rating, tags, trash, the missing
 * flag, thumbnail and reconcile bookkeeping, the file's sha256 for lineage, full-text search,
 * and one index per filter/sort the gallery offers.
 *
 * List indexes are partial (`WHERE trashed_at IS NULL`): every gallery query names the trash
 * state, so the live view never walks trashed rows and the trash view has its own small index.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './migrations';

function fts5Available(db: DatabaseSync): boolean {
  try {
    db.exec('CREATE VIRTUAL TABLE temp.__fts5_probe_v2 USING fts5(x)');
    db.exec('DROP TABLE temp.__fts5_probe_v2');
    return true;
  } catch {
    return false;
  }
}

/** SQL for the seq a creation time starts at: its Unix time in ms × 1024. */
export const SEQ_BASE_OF = (column: string) => `(CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER) * 1024)`;

export const v2: Migration = {
  version: 2,
  description: 'favourite, rating, tags, trash, missing, thumbnails, sha256, FTS5, list indexes',
  up(db) {
    db.exec(`
      ALTER TABLE generations ADD COLUMN seq INTEGER;
      ALTER TABLE generations ADD COLUMN favorite INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE generations ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
      ALTER TABLE generations ADD COLUMN trashed_at TEXT;
      ALTER TABLE generations ADD COLUMN missing INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE generations ADD COLUMN thumb_made_at TEXT;
      ALTER TABLE generations ADD COLUMN file_mtime_ms INTEGER;
      ALTER TABLE generations ADD COLUMN sha256 TEXT;
      ALTER TABLE generations ADD COLUMN input_count INTEGER NOT NULL DEFAULT 0;
      -- Bumped by every edit of favourite/rating/tags/project and reset once the file's record
      -- says the same, so write-back that a quit or crash interrupted resumes at the next start.
      ALTER TABLE generations ADD COLUMN record_dirty INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE inputs ADD COLUMN generation_id TEXT;

      -- seq is the gallery's order: creation time in ms × 1024 plus a tie-breaker, so one
      -- integer sorts by time, pages by keyset, and doubles as the FTS rowid (FTS5 walks rowids
      -- in order, so a search page stops after 200 matches instead of sorting them all).
      UPDATE generations SET seq = ordered.base + ordered.n - 1
        FROM (SELECT id, ${SEQ_BASE_OF('created_at')} AS base,
                     row_number() OVER (PARTITION BY ${SEQ_BASE_OF('created_at')} ORDER BY id) AS n
              FROM generations) AS ordered
        WHERE ordered.id = generations.id;
      CREATE UNIQUE INDEX generations_by_seq ON generations(seq);
      -- Rows inserted without a seq (by hand, by an older tool) get the next free one in their ms.
      CREATE TRIGGER generations_assign_seq AFTER INSERT ON generations WHEN new.seq IS NULL BEGIN
        UPDATE generations SET seq = coalesce(
          (SELECT max(seq) + 1 FROM generations WHERE seq >= ${SEQ_BASE_OF('new.created_at')} AND seq < ${SEQ_BASE_OF('new.created_at')} + 1024),
          ${SEQ_BASE_OF('new.created_at')},
          (SELECT max(seq) + 1 FROM generations))
        WHERE id = new.id;
      END;
      UPDATE generations SET input_count = (SELECT count(*) FROM generation_inputs gi WHERE gi.generation_id = generations.id);
      CREATE TRIGGER generation_inputs_count_insert AFTER INSERT ON generation_inputs BEGIN
        UPDATE generations SET input_count = input_count + 1 WHERE id = new.generation_id;
      END;
      CREATE TRIGGER generation_inputs_count_delete AFTER DELETE ON generation_inputs BEGIN
        UPDATE generations SET input_count = max(input_count - 1, 0) WHERE id = old.generation_id;
      END;

      -- A tag row carries its image's seq, so a tag filter walks (tag, seq) in gallery order and
      -- stops at the page size, like search does with the FTS rowid.
      CREATE TABLE generation_tags (
        generation_id TEXT NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        tag TEXT NOT NULL COLLATE NOCASE,
        seq INTEGER,
        PRIMARY KEY (generation_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX generation_tags_by_tag ON generation_tags(tag, seq);
      CREATE TRIGGER generation_tags_take_seq AFTER INSERT ON generation_tags WHEN new.seq IS NULL BEGIN
        UPDATE generation_tags SET seq = (SELECT seq FROM generations WHERE id = new.generation_id)
          WHERE generation_id = new.generation_id AND tag = new.tag;
      END;
      CREATE TRIGGER generations_seq_to_tags AFTER UPDATE OF seq ON generations WHEN new.seq IS NOT old.seq BEGIN
        UPDATE generation_tags SET seq = new.seq WHERE generation_id = new.id;
      END;

      -- Every list query walks one of these in seq order and stops at the page size; the extra
      -- columns make each one covering for the other filters, so counting a filter never has to
      -- read the wide rows (prompts, params) themselves. trashed_at is listed although the
      -- partial WHERE fixes it: SQLite only treats an index as covering when it holds every
      -- column the query names.
      CREATE INDEX live_by_seq ON generations(seq, rating, favorite, input_count, project_id, model, id, trashed_at) WHERE trashed_at IS NULL;
      CREATE INDEX live_by_project ON generations(project_id, seq, rating, favorite, input_count, model, id, trashed_at) WHERE trashed_at IS NULL;
      CREATE INDEX live_by_project_rating ON generations(project_id, rating, seq, favorite, input_count, model, id, trashed_at) WHERE trashed_at IS NULL;
      CREATE INDEX live_by_model ON generations(model, seq, rating, favorite, input_count, project_id, id, trashed_at) WHERE trashed_at IS NULL;
      CREATE INDEX live_by_rating ON generations(rating, seq, favorite, input_count, project_id, model, id, trashed_at) WHERE trashed_at IS NULL;
      CREATE INDEX live_favorites ON generations(seq, rating, favorite, input_count, project_id, model, id, trashed_at) WHERE trashed_at IS NULL AND favorite = 1;
      CREATE INDEX live_with_references ON generations(seq, rating, favorite, input_count, project_id, model, id, trashed_at) WHERE trashed_at IS NULL AND input_count > 0;
      CREATE INDEX trashed_by_seq ON generations(seq, trashed_at) WHERE trashed_at IS NOT NULL;
      -- Narrow, for counting everything live or trashed.
      CREATE INDEX generations_by_trash_state ON generations(trashed_at);
      CREATE INDEX generations_by_id_keys ON generations(id, trashed_at, seq);
      CREATE INDEX generations_by_sha256 ON generations(sha256) WHERE sha256 IS NOT NULL;
      CREATE INDEX generations_needing_thumbs ON generations(seq) WHERE thumb_made_at IS NULL;
      CREATE INDEX generations_record_dirty ON generations(seq) WHERE record_dirty > 0;
      CREATE INDEX inputs_by_generation ON inputs(generation_id) WHERE generation_id IS NOT NULL;
    `);
    // Without FTS5 search falls back to a LIKE scan; the index is created later if FTS5 appears.
    if (fts5Available(db)) createSearchIndexOfV2(db);
  },
};

/**
 * The full-text index as v2 made it (prompt, upsampled prompt, tags). Frozen here: a released
 * migration must do what it did when released, whatever `search-index.ts` makes today (v5 reshapes it).
 */
function createSearchIndexOfV2(db: DatabaseSync): void {
  db.exec(`
    CREATE VIRTUAL TABLE generations_fts USING fts5(prompt, upsampled_prompt, tags, tokenize = 'unicode61 remove_diacritics 2');

    -- A row inserted without seq gets one from generations_assign_seq (an UPDATE OF seq), so the
    -- index is filled on whichever of the two paths carries the seq, in any trigger order.
    CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations WHEN new.seq IS NOT NULL BEGIN
      INSERT INTO generations_fts(rowid, prompt, upsampled_prompt, tags)
        VALUES (new.seq, new.prompt, coalesce(new.upsampled_prompt, ''), '');
    END;
    CREATE TRIGGER generations_fts_seq AFTER UPDATE OF seq ON generations BEGIN
      DELETE FROM generations_fts WHERE rowid = old.seq;
      INSERT INTO generations_fts(rowid, prompt, upsampled_prompt, tags)
        VALUES (new.seq, new.prompt, coalesce(new.upsampled_prompt, ''),
                coalesce((SELECT group_concat(tag, ' ') FROM generation_tags WHERE generation_id = new.id), ''));
    END;
    CREATE TRIGGER generations_fts_update AFTER UPDATE OF prompt, upsampled_prompt ON generations BEGIN
      UPDATE generations_fts SET prompt = new.prompt, upsampled_prompt = coalesce(new.upsampled_prompt, '')
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

    INSERT INTO generations_fts(rowid, prompt, upsampled_prompt, tags)
      SELECT g.seq, g.prompt, coalesce(g.upsampled_prompt, ''),
             coalesce((SELECT group_concat(tag, ' ') FROM generation_tags t WHERE t.generation_id = g.id), '')
      FROM generations g;
  `);
}
