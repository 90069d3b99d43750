/** Accessibility checks the scenarios share. */
import type { Page } from 'playwright';

const CONTROL_ROLES = [
  'button',
  'textbox',
  'combobox',
  'spinbutton',
  'slider',
  'checkbox',
  'radio',
  'searchbox',
  'link',
];

/** Lines of the ARIA snapshot for controls that have no accessible name. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot
    .split('\n')
    .map((line) => line.trim())
    .filter((line) =>
      CONTROL_ROLES.some(
        (role) => new RegExp(`^- ${role}(\\s*\\[[^\\]]*\\])*:?\\s*$`).test(line) || line === `- ${role}`,
      ),
    );
}
