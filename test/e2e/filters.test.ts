/**
 * Finding images again: several tags matched all of / any of from "More filters", and a search
 * that reads your own words unless you ask it to include the prompt BFL rewrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const FOX = 'a fox in a birch wood';
const OWL = 'an owl on a fence post';
const BOTH = 'a fox and an owl at dusk';

describe('filters: several tags, and what search reads', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
    // FLUX.2 pro: the emulator, like BFL, upsamples its prompts ("…, rendered in rich detail with soft natural light").
    for (const prompt of [FOX, OWL, BOTH]) {
      await generate(studio.page, prompt);
      await galleryImage(studio.page, prompt).waitFor({ timeout: 30_000 });
    }
  });
  afterAll(async () => {
    await studio?.close();
  });

  const shown = async () =>
    (
      await studio.page
        .getByRole('grid', { name: 'Library' })
        .getByRole('img')
        .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')))
    ).sort();

  async function addTag(prompt: string, tag: string): Promise<void> {
    const { page } = studio;
    await galleryImage(page, prompt).click();
    const bar = page.getByRole('toolbar', { name: 'Selection' });
    await bar.getByLabel('Tag to add').fill(tag);
    await bar.getByRole('button', { name: 'Add tag' }).click();
  }

  it('shows images with either tag for "any of", and only those with both for "all of"', async () => {
    const { page } = studio;
    await addTag(FOX, 'fox');
    await addTag(OWL, 'owl');
    await addTag(BOTH, 'fox');
    await addTag(BOTH, 'owl');
    await page.keyboard.press('Escape');
    const filters = page.getByRole('toolbar', { name: 'Filters' });
    await filters.getByText('More filters').click();
    await filters.getByRole('checkbox', { name: /^fox/ }).check();
    await filters.getByRole('checkbox', { name: /^owl/ }).check();
    await expect.poll(shown).toEqual([BOTH]);
    await filters.getByRole('radio', { name: 'Any of' }).check();
    await expect.poll(shown).toEqual([BOTH, FOX, OWL].sort());
    await page.screenshot({ path: screenshotPath('h-filter-tags') });
    const bar = await filters.boundingBox();
    expect(bar!.height).toBeLessThan(50); // still one row
    await filters.getByRole('radio', { name: 'All of' }).check();
    await expect.poll(shown).toEqual([BOTH]);
    await filters.getByRole('button', { name: 'Clear tags' }).click();
    await expect.poll(shown).toEqual([BOTH, FOX, OWL].sort());
    await filters.getByText(/^More filters/).click();
  });

  it('does not match a word only BFL’s rewrite added, unless asked to (and remembers the choice)', async () => {
    const { page } = studio;
    const search = page.getByLabel('Search', { exact: true });
    const include = page.getByRole('checkbox', { name: 'Include BFL’s rewritten prompts' });
    expect(await include.isChecked()).toBe(false);
    await search.fill('natural');
    await expect.poll(shown).toEqual([]);
    await include.check();
    await expect.poll(shown).toEqual([BOTH, FOX, OWL].sort());
    await search.fill('fence');
    await expect.poll(shown).toEqual([OWL]);
    await page.reload();
    await page.getByRole('checkbox', { name: 'Include BFL’s rewritten prompts' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Include BFL’s rewritten prompts' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'Include BFL’s rewritten prompts' }).uncheck();
    await page.getByLabel('Search', { exact: true }).fill('natural');
    await expect.poll(shown).toEqual([]);
    await page.getByLabel('Search', { exact: true }).fill('');
    expect(studio.pageErrors).toEqual([]);
  });

  it('shows the images of tiles that appeared while a search was typed, once the typing pauses', async () => {
    const { page } = studio;
    const search = page.getByLabel('Search', { exact: true });
    await search.fill('fox');
    await expect.poll(shown).toEqual([BOTH, FOX].sort());
    // Key by key: the owl's tile mounts while keys are still coming, so its image is held back at first.
    await search.press('Control+a');
    await search.pressSequentially('owl', { delay: 20 });
    await expect.poll(shown).toEqual([BOTH, OWL].sort());
    const owl = galleryImage(page, OWL);
    await expect
      .poll(() => owl.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 })
      .toBe(true);
    await search.fill('');
    expect(studio.pageErrors).toEqual([]);
  });
});
