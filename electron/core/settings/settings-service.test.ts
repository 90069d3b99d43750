import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp';
import { silentLogger } from '../logging/logger';
import { DEFAULT_SETTINGS } from './defaults';
import { createSettingsService, openConfStore, SETTINGS_FILE } from './settings-service';

describe('settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('seedbank-settings-');
  });

  const open = (env: NodeJS.ProcessEnv = {}) => createSettingsService({ directory: dir, env, logger: silentLogger });

  it('starts from the defaults and persists changes to settings.json in the given folder', () => {
    const settings = open();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.update({ region: 'eu', theme: 'light', costConfirmThreshold: 120 });
    const reopened = open();
    expect(reopened.get()).toMatchObject({ region: 'eu', theme: 'light', costConfirmThreshold: 120 });
    expect(JSON.parse(fs.readFileSync(path.join(dir, SETTINGS_FILE), 'utf8'))).toMatchObject({ region: 'eu' });
  });

  it('keeps the watch list in settings.json beside the settings, out of reach of the page’s patch', () => {
    const settings = open();
    const folder = { id: '01m6gmfkg04qt1eh0cgxt1v4rh', path: path.join(dir, 'ComfyUI', 'output') };
    settings.setWatchList([folder]);
    settings.update({ theme: 'light' });
    expect(open().watchList()).toEqual([folder]);
    expect(open().get()).not.toHaveProperty('watchedFolders');
    expect(() => settings.update({ watchedFolders: [] } as never)).toThrow();
    // A hand-edited file: entries that are not a Seedbank id and a full path are dropped.
    const file = path.join(dir, SETTINGS_FILE);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    stored.watchedFolders = [
      folder,
      { id: '../x', path: '/tmp' },
      { id: '01m6gmfkg04qt1eh0cgxt1v4rj', path: 'relative' },
    ];
    fs.writeFileSync(file, JSON.stringify(stored));
    expect(open().watchList()).toEqual([folder]);
  });

  it('the CLI opens the very same file with conf and an explicit folder', () => {
    open().update({ defaultModel: 'flux-2-max' });
    expect(openConfStore(dir).store).toMatchObject({ defaultModel: 'flux-2-max' });
  });

  it('maps the region to its API host, and SEEDBANK_API_BASE wins over it', () => {
    const settings = open();
    expect(settings.apiBase()).toBe('https://api.bfl.ai');
    settings.update({ region: 'us' });
    expect(settings.apiBase()).toBe('https://api.us.bfl.ai');
    expect(() => settings.update({ region: 'custom' as never })).toThrow();
    expect(settings.apiBase()).toBe('https://api.us.bfl.ai');
    expect(open({ SEEDBANK_API_BASE: 'http://127.0.0.1:1234' }).apiBase()).toBe('http://127.0.0.1:1234');
  });

  it('keeps a corrupt settings file as a backup, uses the defaults and says so', () => {
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), '{ this is not json');
    const settings = open();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notice).toMatch(/could not be read and was set aside as settings\.json\.backup-/);
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith(`${SETTINGS_FILE}.backup-`));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, backups[0] ?? ''), 'utf8')).toBe('{ this is not json');
  });

  it('resets only the values that are invalid, keeping the rest', () => {
    fs.writeFileSync(
      path.join(dir, SETTINGS_FILE),
      JSON.stringify({ theme: 'purple', region: 'eu', maxActiveTasks: 6 }),
    );
    const settings = open();
    expect(settings.get()).toMatchObject({ theme: 'dark', region: 'eu', maxActiveTasks: 6 });
    expect(settings.notice).toMatch(/reset to defaults: theme/);
  });

  it('refuses an invalid update with the field named, changing nothing', () => {
    const settings = open();
    expect(() => settings.update({ maxActiveTasks: 99 })).toThrow(/maxActiveTasks/);
    expect(open().get().maxActiveTasks).toBe(24);
  });
});
