/**
 * Schema v6: `live_by_seq` also holds what a gallery tile shows (prompt, size, format, creation
 * time, file, missing flag, source), so a search or tag page — which walks its matches in seq
 * order and looks each one up in this index — and the plain newest/oldest page are read from the
 * index alone, without one table row lookup per tile.
 *
 * Measured on the bench's 100,000-image library (docs/performance.md): those row lookups were
 * about a third of what a search page cost beyond the raw FTS5 query. The price is the tile
 * columns written a second time: about 15 MB more at 100,000 images with the bench's short
 * prompts (more with long ones) — small beside the image files the rows describe.
 *
 * The leading columns stay those of v2's index, so every filter it covered it still covers.
 */
import type { Migration } from './migrations';

export const v6: Migration = {
  version: 6,
  description: "live_by_seq covers a gallery tile's columns",
  up(db) {
    db.exec(`
      DROP INDEX live_by_seq;
      CREATE INDEX live_by_seq ON generations(seq, rating, favorite, input_count, project_id, model, id, trashed_at,
        prompt, seed, width, height, format, created_at, file, missing, source_tool, source_name)
        WHERE trashed_at IS NULL;
    `);
  },
};
