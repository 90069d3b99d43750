/** What a person does in the studio, as steps the scenarios share. */
import type { Page } from 'playwright';

export async function setKeyInSettings(page: Page, key: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: /^(Save|Replace) key$/ }).click();
  await page.getByTestId('key-status').getByText(key.slice(-4)).waitFor();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
}

export async function generate(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

/** Waits for the gallery image whose alt text is exactly this prompt. */
export function galleryImage(page: Page, prompt: string) {
  return page.getByRole('grid', { name: 'Library' }).getByAltText(prompt, { exact: true });
}
