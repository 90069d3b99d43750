import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

describe('a paid job paused by trouble on our side', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio({ fake: { credits: 1000 } });
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('shows "Paused — <reason>" with Resume, and finishes once the key is accepted again', async () => {
    const { page, fake } = studio;
    const prompt = 'a glass lighthouse [fake:slow-1500]';
    await generate(page, prompt);
    const queue = page.getByRole('region', { name: 'Queue' });
    await queue.locator('li[data-status="polling"]').filter({ hasText: 'a glass lighthouse' }).waitFor();
    // BFL accepted the task; now the key is refused while polling.
    fake.keys.clear();
    const paused = queue.locator('li[data-status="paused"]').filter({ hasText: 'a glass lighthouse' });
    await paused.waitFor({ timeout: 30_000 });
    expect(await paused.textContent()).toMatch(/Paused — .*resume/i);
    await page.screenshot({ path: screenshotPath('09-paused') });
    fake.keys.add(DEFAULT_FAKE_KEY);
    const polls = fake.polls.length;
    await paused.getByRole('button', { name: 'Resume' }).click();
    await queue
      .locator('li[data-status="done"]')
      .filter({ hasText: 'a glass lighthouse' })
      .waitFor({ timeout: 30_000 });
    expect(fake.polls.length).toBeGreaterThan(polls);
    expect(fake.submits.filter((s) => s.taskId !== null)).toHaveLength(1);
    expect(studio.pageErrors).toEqual([]);
  });
});
