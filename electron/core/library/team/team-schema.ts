/**
 * The team library's schema on PostgreSQL, as numbered migrations. They run only through
 * `seedbank library migrate` (team-migrate.ts), never when a workstation connects: with several
 * workstations on one database, an upgrade is a decision for whoever runs the server, and a
 * workstation whose Seedbank expects another version refuses to connect (team-connect.ts).
 * Append a migration to change the schema — never edit a released one.
 *
 * The tables follow the embedded schema (db/migrations.ts … schema-v5.ts) column for column, so
 * one row mapping (db/generation-row.ts) serves both stores. Times stay ISO-8601 text as there,
 * so both stores hand out the very same strings. Differences, each for a reason:
 * - search: a `tsvector` column with a GIN index instead of FTS5, filled by triggers from the
 *   same fields (prompt, upsampled prompt, tags, imported file name). The words are cut and
 *   folded like FTS5's `unicode61 remove_diacritics 2`: letters and digits (ICU's notion, whatever
 *   the server's locale), lower-cased, accents removed by `unaccent`. The lexemes go in verbatim
 *   (`array_to_tsvector`), with no stemming and no stop words, because FTS5 has neither.
 * - tags: case-insensitive through `lower(tag)` indexes (SQLite's NOCASE).
 * - change notices: a trigger sends `NOTIFY seedbank_library` with the id of each changed row,
 *   so every writer (the app, the CLI, `library push`) tells the other workstations; another
 *   (version 3) sends `#projects` when a project is created, renamed or deleted.
 * - who made it: `made_on_host` and `made_by` (a team has more than one person).
 */

export interface TeamMigration {
  version: number;
  description: string;
  sql: string;
}

/** The channel the change trigger notifies on (team-live.ts listens). */
export const CHANGE_CHANNEL = 'seedbank_library';

/** The notice on CHANGE_CHANNEL that the project list changed (a generation's notice starts with +, ~ or -). */
export const PROJECTS_NOTICE = '#projects';

const v1: TeamMigration = {
  version: 1,
  description: 'generations, tags, inputs, projects, full-text search, change notices, library id',
  sql: `
    CREATE EXTENSION IF NOT EXISTS unaccent;

    -- One row: the library's id (also in the shared folder) and the schema version reached.
    CREATE TABLE seedbank_library (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      library_id text NOT NULL,
      schema_version integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE projects (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at text NOT NULL
    );
    CREATE UNIQUE INDEX projects_by_name ON projects (lower(name));

    CREATE TABLE inputs (
      hash text PRIMARY KEY,
      format text NOT NULL,
      width integer NOT NULL,
      height integer NOT NULL,
      bytes bigint NOT NULL,
      created_at text NOT NULL,
      generation_id text
    );

    CREATE TABLE generations (
      id text PRIMARY KEY,
      job_id text,
      task_id text,
      project_id text REFERENCES projects(id) ON DELETE SET NULL,
      model text NOT NULL,
      prompt text NOT NULL,
      upsampled_prompt text,
      seed bigint,
      width integer,
      height integer,
      format text NOT NULL,
      params text NOT NULL,
      cost double precision,
      created_at text NOT NULL,
      submitted_at text,
      finished_at text,
      file text NOT NULL UNIQUE,
      file_bytes bigint,
      file_mtime_ms bigint,
      sha256 text,
      -- The gallery order: creation ms × 1024 + a tie-breaker (as in the embedded schema v2).
      seq bigint NOT NULL UNIQUE,
      favorite smallint NOT NULL DEFAULT 0,
      rating smallint NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
      trashed_at text,
      missing smallint NOT NULL DEFAULT 0,
      record_dirty integer NOT NULL DEFAULT 0,
      input_count integer NOT NULL DEFAULT 0,
      source_tool text,
      source_name text,
      source_sha256 text,
      source_json text,
      made_on_host text,
      made_by text,
      search_words tsvector NOT NULL DEFAULT ''::tsvector,
      -- The same words without BFL's rewritten prompt: what a search reads unless asked for it.
      own_words tsvector NOT NULL DEFAULT ''::tsvector
    );
    CREATE INDEX live_by_seq ON generations (seq) WHERE trashed_at IS NULL;
    CREATE INDEX live_by_rating ON generations (rating, seq) WHERE trashed_at IS NULL;
    CREATE INDEX live_by_project ON generations (project_id, seq) WHERE trashed_at IS NULL;
    CREATE INDEX live_by_model ON generations (model, seq) WHERE trashed_at IS NULL;
    CREATE INDEX live_by_source ON generations (source_tool, seq) WHERE trashed_at IS NULL;
    CREATE INDEX live_favorites ON generations (seq) WHERE trashed_at IS NULL AND favorite = 1;
    CREATE INDEX trashed_by_seq ON generations (seq) WHERE trashed_at IS NOT NULL;
    CREATE INDEX generations_by_sha256 ON generations (sha256) WHERE sha256 IS NOT NULL;
    CREATE INDEX generations_by_source_sha256 ON generations (source_sha256) WHERE source_sha256 IS NOT NULL;
    CREATE INDEX generations_search ON generations USING gin (search_words);
    CREATE INDEX generations_search_own ON generations USING gin (own_words);

    CREATE TABLE generation_inputs (
      generation_id text NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
      slot integer NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (generation_id, slot)
    );
    CREATE INDEX generation_inputs_by_hash ON generation_inputs (hash);

    CREATE TABLE generation_tags (
      generation_id text NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
      tag text NOT NULL,
      seq bigint NOT NULL,
      PRIMARY KEY (generation_id, tag)
    );
    CREATE UNIQUE INDEX generation_tags_once ON generation_tags (generation_id, lower(tag));
    CREATE INDEX generation_tags_by_tag ON generation_tags (lower(tag), seq);

    -- The words of a text as FTS5's unicode61 tokenizer with remove_diacritics cuts them.
    CREATE FUNCTION seedbank_words(t text) RETURNS text[] LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(array_agg(w), '{}')
      FROM regexp_split_to_table(lower(unaccent(coalesce(t, '')) COLLATE "und-x-icu"), '[^[:alnum:]]+') AS w
      WHERE w <> ''
    $fn$;

    -- A search as FTS5 runs toFtsQuery's: every word must be there; the last one as a prefix.
    CREATE FUNCTION seedbank_search_query(words text[]) RETURNS tsquery LANGUAGE sql STABLE AS $fn$
      SELECT string_agg(
               quote_literal(t.token) ||
                 CASE WHEN w.i = cardinality(words) AND t.j = cardinality(seedbank_words(w.word)) THEN ':*' ELSE '' END,
               ' & ' ORDER BY w.i, t.j)::tsquery
      FROM unnest(words) WITH ORDINALITY AS w(word, i)
      CROSS JOIN LATERAL unnest(seedbank_words(w.word)) WITH ORDINALITY AS t(token, j)
    $fn$;

    CREATE FUNCTION seedbank_search_words(g generations) RETURNS tsvector LANGUAGE sql STABLE AS $fn$
      SELECT array_to_tsvector(seedbank_words(concat_ws(' ', g.prompt, g.upsampled_prompt, g.source_name,
        (SELECT string_agg(tag, ' ') FROM generation_tags WHERE generation_id = g.id))))
    $fn$;

    CREATE FUNCTION seedbank_own_words(g generations) RETURNS tsvector LANGUAGE sql STABLE AS $fn$
      SELECT array_to_tsvector(seedbank_words(concat_ws(' ', g.prompt, g.source_name,
        (SELECT string_agg(tag, ' ') FROM generation_tags WHERE generation_id = g.id))))
    $fn$;

    CREATE FUNCTION generations_fill_search() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      NEW.search_words := seedbank_search_words(NEW);
      NEW.own_words := seedbank_own_words(NEW);
      RETURN NEW;
    END $fn$;
    CREATE TRIGGER generations_fill_search BEFORE INSERT OR UPDATE OF prompt, upsampled_prompt, source_name
      ON generations FOR EACH ROW EXECUTE FUNCTION generations_fill_search();

    -- A tag row carries its image's seq (a tag filter walks (tag, seq)) and refreshes the search words.
    CREATE FUNCTION generation_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE target text := coalesce(NEW.generation_id, OLD.generation_id);
    BEGIN
      UPDATE generations g SET search_words = seedbank_search_words(g), own_words = seedbank_own_words(g)
        WHERE g.id = target;
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER generation_tags_changed AFTER INSERT OR DELETE ON generation_tags
      FOR EACH ROW EXECUTE FUNCTION generation_tags_changed();

    CREATE FUNCTION generation_inputs_count() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE generations SET input_count = input_count + 1 WHERE id = NEW.generation_id;
      ELSE
        UPDATE generations SET input_count = greatest(input_count - 1, 0) WHERE id = OLD.generation_id;
      END IF;
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER generation_inputs_count AFTER INSERT OR DELETE ON generation_inputs
      FOR EACH ROW EXECUTE FUNCTION generation_inputs_count();

    -- Every change to a row tells the other workstations its id: '+id' added, '~id' changed,
    -- '-id' gone. NOTIFY is sent at commit and folds identical payloads of one transaction into one.
    CREATE FUNCTION generations_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('${CHANGE_CHANNEL}', '-' || OLD.id);
      ELSIF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('${CHANGE_CHANNEL}', '+' || NEW.id);
      ELSE
        PERFORM pg_notify('${CHANGE_CHANNEL}', '~' || NEW.id);
      END IF;
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER generations_notify AFTER INSERT OR UPDATE OR DELETE ON generations
      FOR EACH ROW EXECUTE FUNCTION generations_notify();
  `,
};

/**
 * A search page walks the live rows newest first and checks each one's words until it has a
 * page (for a common word, far faster than gathering every match from the GIN index and sorting).
 * With the words in the index beside the seq, that walk reads the index alone, not a heap page
 * per row: at 1,000,000 images a two-word search went from about 100 ms to about 7 ms
 * (docs/team-library.md "Scale").
 */
const v2: TeamMigration = {
  version: 2,
  description: 'search pages walk an index that carries the words (newest first)',
  sql: `
    CREATE INDEX live_words_by_seq ON generations (seq) INCLUDE (own_words) WHERE trashed_at IS NULL;
  `,
};

/**
 * Project changes by one workstation reach the others' sidebars live, as generations do: one
 * notice per statement (a project's rows carry nothing the others cannot read again, and NOTIFY
 * folds identical payloads of one transaction into one anyway).
 */
const v3: TeamMigration = {
  version: 3,
  description: 'change notices for projects (created, renamed, deleted)',
  sql: `
    CREATE FUNCTION projects_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_notify('${CHANGE_CHANNEL}', '${PROJECTS_NOTICE}');
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER projects_notify AFTER INSERT OR UPDATE OR DELETE ON projects
      FOR EACH STATEMENT EXECUTE FUNCTION projects_notify();
  `,
};

export const TEAM_MIGRATIONS: readonly TeamMigration[] = [v1, v2, v3];

/** The schema version this Seedbank reads and writes. */
export const TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS.at(-1)?.version ?? 0;
