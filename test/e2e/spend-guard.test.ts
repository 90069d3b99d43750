import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKeyInSettings } from './support/actions';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const seedsSent = (studio: Studio, from: number) =>
  studio.fake.submits.slice(from).map((s) => (s.body as { seed?: number }).seed);

describe('no identical-batch payment without confirmation', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  /** "Reuse seed" leaves a fixed seed; with Count 4 that is four identical paid requests. */
  async function fourWithFixedSeed(prompt: string): Promise<void> {
    const { page } = studio;
    await page.getByLabel('Prompt', { exact: true }).fill(prompt);
    await page.getByLabel('Seed', { exact: true }).fill('42');
    await page.getByRole('radio', { name: 'Fixed' }).click();
    await page.getByLabel('Count', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
  }

  const question = () =>
    studio.page.getByRole('alertdialog', { name: '4 identical images — did you mean +1 each run?' });

  it('asks first, sends nothing on Cancel, and steps the seed on the default answer', async () => {
    const { page } = studio;
    const before = studio.fake.submits.length;
    await fourWithFixedSeed('four paper boats');
    await question().waitFor();
    await question().getByRole('button', { name: 'Cancel' }).click();
    expect(studio.fake.submits.length).toBe(before);

    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await question().waitFor();
    // The default answer (focused, so Enter gives it) is "+1 each run".
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('+1 each run');
    await page.keyboard.press('Enter');
    await expect.poll(() => studio.fake.submits.length).toBe(before + 4);
    expect(seedsSent(studio, before).sort()).toEqual([42, 43, 44, 45]);
  });

  it('sends four identical requests only on an explicit yes', async () => {
    const before = studio.fake.submits.length;
    await fourWithFixedSeed('four identical lanterns');
    await question().getByRole('button', { name: 'Send 4 identical' }).click();
    await expect.poll(() => studio.fake.submits.length).toBe(before + 4);
    expect(seedsSent(studio, before)).toEqual([42, 42, 42, 42]);
  });
});
