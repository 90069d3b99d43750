/**
 * The team-library settings the core reads at start: which library, the connection string
 * (never with a password: that belongs in the keychain), the shared folder, the person's name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp';
import { silentLogger } from '../logging/logger';
import { createSettingsService } from './settings-service';

describe('library settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('seedbank-settings-');
  });
  afterEach(() => removeTempDir(dir));

  const open = () => createSettingsService({ directory: dir, env: {}, logger: silentLogger });

  it('defaults to this computer’s library, and keeps a team choice and a person’s name across restarts', () => {
    expect(open().get().library).toEqual({ mode: 'local' });
    const team = {
      mode: 'team' as const,
      databaseUrl: 'postgres://seedbank@db.studio.lan/seedbank',
      sharedFolder: '/mnt/s',
    };
    open().update({ library: team, personName: ' Ana Lima ' });
    expect(open().get()).toMatchObject({ library: team, personName: 'Ana Lima' });
  });

  it('refuses a connection string that carries a password, naming the field, and writes nothing', () => {
    const settings = open();
    const message = refusal(() =>
      settings.update({ library: { mode: 'team', databaseUrl: 'postgres://seedbank:secret@db/seedbank' } }),
    );
    expect(message).toMatch(/"databaseUrl"/);
    expect(message).toMatch(/must not carry a password/);
    expect(open().get().library).toEqual({ mode: 'local' });
  });

  it('refuses a connection string that is not postgres://', () => {
    const message = refusal(() => open().update({ library: { mode: 'team', databaseUrl: 'mysql://db/seedbank' } }));
    expect(message).toMatch(/"databaseUrl"/);
    expect(message).toMatch(/must be a connection string starting with postgres:\/\//);
  });
});

/** The message of what `work` throws (the field's path and the rule are both in it). */
function refusal(work: () => unknown): string {
  try {
    work();
  } catch (err) {
    return String(err);
  }
  throw new Error('expected a refusal');
}
