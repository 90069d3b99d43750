/**
 * Schema v3: each job keeps the request body as validated when it entered (prompt and parameters,
 * `output_format` filled in, no images), so sending it and recording it reuse that body instead
 * of validating the request again. Rows from before v3 have none and are validated when sent.
 */
import type { Migration } from './migrations';

export const v3: Migration = {
  version: 3,
  description: 'jobs.body: the validated request body',
  up(db) {
    db.exec('ALTER TABLE jobs ADD COLUMN body TEXT');
  },
};
