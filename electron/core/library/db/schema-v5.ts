/**
 * Schema v5: images made by other tools. `source_tool` names the tool an imported image came
 * from (null for Seedbank's own), `source_name` the file name it was imported under and
 * `source_sha256` the hash of that file, so importing it twice adds nothing; the
 * full-text index gains that name, so an image with no prompt is still found by its file name.
 */
import { hasFts5 } from './database';
import type { Migration } from './migrations';
import { createSearchIndex, dropSearchIndex } from './search-index';

export const v5: Migration = {
  version: 5,
  description: 'source tool and file name of imported images, searchable',
  up(db) {
    db.exec(`
      ALTER TABLE generations ADD COLUMN source_tool TEXT;
      ALTER TABLE generations ADD COLUMN source_name TEXT;
      -- The hash of the file as it was imported; the library copy differs (it carries a record).
      ALTER TABLE generations ADD COLUMN source_sha256 TEXT;
      CREATE INDEX generations_by_source_sha256 ON generations(source_sha256) WHERE source_sha256 IS NOT NULL;
      -- The rest of the record's source (original text, settings) for the detail view, as JSON;
      -- a ComfyUI workflow stays in the file only (it can be megabytes).
      ALTER TABLE generations ADD COLUMN source_json TEXT;
      -- Covering, like the other live_by_* indexes, for the gallery's "made with" filter.
      CREATE INDEX live_by_source ON generations(source_tool, seq, rating, favorite, input_count, project_id, model, id, trashed_at) WHERE trashed_at IS NULL;
    `);
    // Without FTS5 search falls back to a LIKE scan; Library.start creates the index once FTS5 is there.
    if (hasFts5(db)) {
      dropSearchIndex(db);
      createSearchIndex(db);
    }
  },
};
