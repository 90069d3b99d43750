import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { closedPort } from './support/free-port';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

describe('errors from BFL, each shown as a message a person can act on', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio({ fake: { credits: 1000 } });
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  const jobRow = (prompt: string) =>
    studio.page.getByRole('region', { name: 'Queue' }).getByRole('listitem').filter({ hasText: prompt });

  it('shows moderation as moderation, with BFL’s reason', async () => {
    const prompt = 'a statue [fake:content-moderated]';
    await generate(studio.page, prompt);
    const row = jobRow(prompt);
    await row
      .locator('[data-status="moderated"]')
      .or(row.and(studio.page.locator('[data-status="moderated"]')))
      .first()
      .waitFor({ timeout: 30_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Moderated');
    expect(text).toMatch(/Moderation:/);
    await studio.page.screenshot({ path: screenshotPath('07-moderated') });
  });

  it('says when the account is out of credits', async () => {
    studio.fake.setCredits(0);
    const prompt = 'a quiet harbour at night';
    await generate(studio.page, prompt);
    const notice = studio.page.locator('[data-code="OUT_OF_CREDITS"]').first();
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/Out of credits/);
    expect(await notice.textContent()).toMatch(/Add credits/);
    studio.fake.setCredits(1000);
  });

  it('says when BFL rejects the key, and points to Settings', async () => {
    studio.fake.keys.clear();
    const prompt = 'a paper boat on a puddle';
    await generate(studio.page, prompt);
    const notice = studio.page.locator('[data-code="KEY_REJECTED"]').first();
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/rejected the API key/);
    await studio.page.screenshot({ path: screenshotPath('08-key-rejected') });
    await studio.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await studio.page.getByRole('button', { name: 'Test key' }).click();
    await studio.page.getByRole('dialog', { name: 'Settings' }).locator('[data-code="KEY_REJECTED"]').waitFor();
    await studio.page.getByRole('button', { name: 'Close', exact: true }).click();
    studio.fake.keys.add(DEFAULT_FAKE_KEY);
  });

  it('asks before re-sending a job whose outcome is unknown', async () => {
    const { page } = studio;
    const prompt = 'a kite over dunes [fake:drop-after-create]';
    await generate(page, prompt);
    const row = jobRow(prompt);
    await page
      .locator('li[data-status="unknown"]')
      .filter({ hasText: 'a kite over dunes' })
      .waitFor({ timeout: 30_000 });
    const before = studio.fake.submits.length;
    await row.getByRole('button', { name: 'Retry' }).click();
    await row.getByRole('alert').filter({ hasText: 'charge twice' }).waitFor();
    expect(studio.fake.submits.length).toBe(before);
    await row.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => studio.fake.submits.length, { timeout: 30_000 }).toBe(before + 1);
  });

  it('names the field when the request is not valid, before sending', async () => {
    const { page } = studio;
    const before = studio.fake.submits.length;
    await page.getByLabel('Prompt', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const notice = page.locator('[data-code="INVALID_INPUT"]').first();
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Prompt: not accepted/);
    expect(await page.getByLabel('Prompt', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(studio.fake.submits.length).toBe(before);
  });
});

describe('offline', () => {
  let studio: Studio;
  beforeAll(async () => {
    // An API base where nothing listens: BFL is unreachable from the first request.
    studio = await startStudio({ apiBase: `http://127.0.0.1:${await closedPort()}` });
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('shows an offline banner and keeps the job queued', async () => {
    const { page } = studio;
    await generate(page, 'a lantern in the fog');
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor({ timeout: 60_000 });
    const row = page
      .getByRole('region', { name: 'Queue' })
      .getByRole('listitem')
      .filter({ hasText: 'a lantern in the fog' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('queued');
    await page.screenshot({ path: screenshotPath('09-offline') });
  });
});
