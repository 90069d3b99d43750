import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

describe('money: a key before anything is sent, what each row charged, and a spend that never shrinks', () => {
  let studio: Studio;
  let xdg: string;
  beforeAll(async () => {
    // Emptying the Trash sends files to the system trash: keep that inside this test's folder.
    xdg = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'seedbank-e2e-xdg-'));
    studio = await startStudio({ fake: { credits: 1000 }, hostEnv: { XDG_DATA_HOME: xdg } });
  });
  afterAll(async () => {
    await studio?.close();
    fs.rmSync(xdg, { recursive: true, force: true });
  });

  const jobRow = (prompt: string) =>
    studio.page.getByRole('region', { name: 'Queue' }).getByRole('listitem').filter({ hasText: prompt });

  it('saves the key from the first step once BFL accepted it, and the step gives way to Generate', async () => {
    const { page } = studio;
    const step = page.getByRole('region', { name: 'Add your BFL API key' });
    await step.getByLabel('Your BFL API key').fill(DEFAULT_FAKE_KEY);
    await step.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => step.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled()).toBe(false);
    await expect.poll(() => page.getByTestId('balance').textContent()).toMatch(/1,?000 credits/);
  });

  it('on 402, says "not charged", links to the BFL dashboard and refreshes the balance', async () => {
    const { page } = studio;
    studio.fake.setCredits(0);
    const prompt = 'a quiet harbour at night';
    await generate(page, prompt);
    const row = jobRow(prompt);
    await row.locator('[data-code="OUT_OF_CREDITS"]').waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('job-charge').textContent()).toBe('not charged');
    expect(await row.getByRole('link', { name: 'Open the BFL dashboard' }).getAttribute('href')).toBe(
      'https://dashboard.bfl.ai/',
    );
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('0 credits');
    await page.screenshot({ path: screenshotPath('h-402-not-charged') });
    studio.fake.setCredits(1000);
  });

  it('keeps Settings → Spend unchanged after the image is deleted and the Trash emptied', async () => {
    const { page } = studio;
    const prompt = 'a copper kettle on a stove';
    await generate(page, prompt);
    await galleryImage(page, prompt).waitFor({ timeout: 30_000 });
    await jobRow(prompt)
      .locator('[data-status="done"]')
      .or(jobRow(prompt).and(page.locator('[data-status="done"]')))
      .first()
      .waitFor();
    const charged = (await jobRow(prompt).getByTestId('job-charge').textContent()) ?? '';
    expect(charged).toMatch(/^[\d.]+ cr$/);

    const spendToday = async () => {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const text = await page.getByTestId('spend-today').getByTestId('spend-credits').textContent();
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      return text;
    };
    const before = await spendToday();
    expect(before).toBe(charged.replace(' cr', ''));

    await galleryImage(page, prompt).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => galleryImage(page, prompt).count()).toBe(0);
    const sidebar = page.getByRole('navigation', { name: 'Projects' });
    await sidebar.getByRole('button', { name: /Trash\s*1/ }).click();
    await sidebar.getByRole('button', { name: 'Empty Trash' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Empty the Trash?' });
    expect(await ask.textContent()).toMatch(/system trash/);
    await page.screenshot({ path: screenshotPath('h-empty-trash') });
    await ask.getByRole('button', { name: 'Empty Trash' }).click();
    await sidebar
      .getByRole('button', { name: /^Trash$/ })
      .or(sidebar.getByRole('button', { name: /Trash\s*0/ }))
      .first()
      .waitFor();

    expect(await spendToday()).toBe(before);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.screenshot({ path: screenshotPath('h-spend') });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    expect(studio.pageErrors).toEqual([]);
  });
});
