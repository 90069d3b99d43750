/**
 * Where everything lives. The app-data folder is `SEEDBANK_HOME` when set (tests, the CLI, the
 * web host), else Electron's user-data folder, which main passes in. Files never move when a
 * project is renamed: images sit in date folders.
 */
import path from 'node:path';

export interface AppPaths {
  home: string;
  settingsDir: string;
  logsDir: string;
  database: string;
  imagesDir: string;
  thumbsDir: string;
  inputsDir: string;
  trashDir: string;
  tmpDir: string;
}

export function resolveHome(env: NodeJS.ProcessEnv, fallback: () => string): string {
  const fromEnv = env.SEEDBANK_HOME?.trim();
  return path.resolve(fromEnv ? fromEnv : fallback());
}

export function appPaths(home: string): AppPaths {
  return {
    home,
    settingsDir: home,
    logsDir: path.join(home, 'logs'),
    database: path.join(home, 'library.db'),
    imagesDir: path.join(home, 'images'),
    thumbsDir: path.join(home, 'thumbs'),
    inputsDir: path.join(home, 'inputs'),
    trashDir: path.join(home, 'trash'),
    tmpDir: path.join(home, 'tmp'),
  };
}

/**
 * This workstation's thumbnails of a team library's images: cheap to remake, so each workstation
 * keeps its own, never on the share; one folder per team library id, so two never mix. Deleting
 * it is safe: a tile asked for makes its thumbnail again.
 */
export function teamThumbnailCache(home: string, libraryId: string): string {
  return path.join(home, 'team', libraryId, 'thumbs');
}

/** The platform's per-user folder for Seedbank when Electron is not there to say (CLI, web host). */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const homeDir = env.HOME ?? env.USERPROFILE ?? '.';
  if (platform === 'darwin') return path.join(homeDir, 'Library', 'Application Support', 'Seedbank');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homeDir, 'AppData', 'Roaming'), 'Seedbank');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homeDir, '.config'), 'Seedbank');
}
