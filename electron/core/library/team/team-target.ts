/**
 * Which team database and shared folder a command means — one rule for the CLI (and any other
 * caller): what the command names (`--database`, `--folder`) wins, then the environment
 * (`SEEDBANK_DATABASE_URL`, `SEEDBANK_TEAM_FOLDER`, for scripts and servers without settings),
 * then Settings → Library of this computer (what the Test button checked). A missing part is null;
 * the caller says which flag or variable to set.
 */
import type { Settings } from '../../../../shared/types';

export interface TeamTarget {
  databaseUrl: string | null;
  sharedFolder: string | null;
}

export interface TeamTargetSources {
  /** What the command itself names. */
  given: { database?: string | undefined; folder?: string | undefined };
  env: NodeJS.ProcessEnv;
  /** Settings → Library, read only when the command and the environment leave a part open. */
  settings: () => Settings['library'] | null;
}

const present = (value: string | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);

export function teamTarget({ given, env, settings }: TeamTargetSources): TeamTarget {
  let databaseUrl = present(given.database) ?? present(env.SEEDBANK_DATABASE_URL);
  let sharedFolder = present(given.folder) ?? present(env.SEEDBANK_TEAM_FOLDER);
  if (databaseUrl === null || sharedFolder === null) {
    const library = settings();
    databaseUrl ??= present(library?.databaseUrl);
    sharedFolder ??= present(library?.sharedFolder);
  }
  return { databaseUrl, sharedFolder };
}
