/**
 * Settings → Library in the studio (browser host) against a real PostgreSQL that needs a
 * password: the Team form filled by hand, the Test button's four checks shown, the save switching
 * to the team library at once, the password kept out of settings.json; and an unmigrated database's test
 * naming `seedbank library migrate`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimFolder, migrateTeamDatabase } from '../../electron/core/library/team/team-migrate';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { makeTempDir } from '../support/temp';
import { screenshotPath } from './support/browser';
import { startStudio, type Studio } from './support/studio';

const PASSWORD = 'studio-pass-42';

describe('Settings → Library: the team library', () => {
  let studio: Studio;
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres({ password: PASSWORD });
    studio = await startStudio({ viewport: { width: 1440, height: 1000 } });
  });
  afterAll(async () => {
    await studio?.close();
    await server?.stop();
  });

  const openLibrarySettings = async () => {
    const { page } = studio;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('radio', { name: 'Team' }).click();
    return settings;
  };

  it('names `seedbank library migrate` when the database has no library yet', async () => {
    const url = await server.createDatabase();
    const folder = makeTempDir('seedbank-e2e-share-');
    const settings = await openLibrarySettings();
    await settings.getByLabel('Connection string').fill(url);
    await settings.getByRole('button', { name: 'Choose…' }).click();
    await settings.getByLabel('Shared folder').fill(folder);
    await settings.getByRole('button', { name: 'Test', exact: true }).click();
    const results = settings.getByRole('list', { name: 'Team library test' });
    await results.getByText('✓ Connection').waitFor();
    await results.getByText('✗ Schema version').waitFor();
    expect(await results.textContent()).toContain('seedbank library migrate');
    // Save stays unavailable until a passing test.
    expect(await settings.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await studio.page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('tests a migrated library, shows each check, and saves it with the password in the keychain', async () => {
    const url = await server.createDatabase();
    const { libraryId } = await migrateTeamDatabase(url);
    const folder = makeTempDir('seedbank-e2e-share-');
    await claimFolder(folder, libraryId);
    const settings = await openLibrarySettings();
    await settings.getByLabel('Connection string').fill(url);
    if (await settings.getByRole('button', { name: 'Choose…' }).isVisible())
      await settings.getByRole('button', { name: 'Choose…' }).click();
    await settings.getByLabel('Shared folder').fill(folder);
    await settings.getByLabel('Your name (shown with the images you make)').fill('Ada Lovelace');
    await settings.getByRole('button', { name: 'Test', exact: true }).click();
    const results = settings.getByRole('list', { name: 'Team library test' });
    for (const label of ['Connection', 'Schema version', 'Folder write access', 'Library ids match'])
      await results.getByText(`✓ ${label}`).waitFor();
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await settings.getByText('The gallery now shows the team library').waitFor();
    await settings.getByText('Password saved: yes.').waitFor();
    expect(await settings.getByLabel('Connection string').inputValue()).not.toContain(PASSWORD);
    await settings.getByRole('heading', { name: 'Library' }).scrollIntoViewIfNeeded();
    await studio.page.screenshot({ path: screenshotPath('settings-library') });
    const file = fs.readFileSync(path.join(studio.home, 'settings.json'), 'utf8');
    expect(file).toContain('Ada Lovelace');
    expect(file).not.toContain(PASSWORD);
    expect(studio.pageErrors).toEqual([]);
  });
});
