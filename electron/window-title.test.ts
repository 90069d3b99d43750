import { describe, expect, it, vi } from 'vitest';
import { EventBus } from './core/events';
import { silentLogger } from './core/logging/logger';
import { DEFAULT_SETTINGS } from './core/settings/defaults';
import { formatWindowTitle, setupCreditsTitle } from './window-title';

describe('formatWindowTitle', () => {
  it('shows the balance with grouping and at most two decimals', () => {
    expect(formatWindowTitle(null)).toBe('Seedbank');
    expect(formatWindowTitle(1234.5)).toBe('Seedbank — 1,234.5 credits');
    expect(formatWindowTitle(1)).toBe('Seedbank — 1 credit');
    expect(formatWindowTitle(0.123)).toBe('Seedbank — 0.12 credits');
    expect(formatWindowTitle(Number.NaN)).toBe('Seedbank');
  });
});

describe('setupCreditsTitle', () => {
  it('reads the balance at start when a key is set, then follows credits:changed', async () => {
    const bus = new EventBus();
    const titles: string[] = [];
    const fetchCredits = vi.fn(async () => 50);
    const title = setupCreditsTitle({
      subscribe: (l) => bus.subscribe(l),
      hasKey: async () => true,
      fetchCredits,
      apiBase: () => 'https://api.bfl.ai',
      setTitle: (t) => titles.push(t),
      logger: silentLogger,
    });
    await title.refresh();
    bus.emit('credits:changed', { credits: 48.5 });
    expect(titles).toEqual(['Seedbank — 50 credits', 'Seedbank — 48.5 credits']);
    title.stop();
    bus.emit('credits:changed', { credits: 1 });
    expect(titles).toHaveLength(2);
  });

  it('reads the balance again only when the API base changes', async () => {
    const bus = new EventBus();
    const fetchCredits = vi.fn(async () => 7);
    setupCreditsTitle({
      subscribe: (l) => bus.subscribe(l),
      hasKey: async () => true,
      fetchCredits,
      apiBase: () => 'https://api.bfl.ai',
      setTitle: () => {},
      logger: silentLogger,
    });
    const view = (apiBase: string) => ({
      settings: DEFAULT_SETTINGS,
      apiBase,
      apiBaseFromEnvironment: false,
      notice: null,
    });
    bus.emit('settings:changed', view('https://api.bfl.ai'));
    expect(fetchCredits).not.toHaveBeenCalled();
    bus.emit('settings:changed', view('https://api.eu.bfl.ai'));
    await vi.waitFor(() => expect(fetchCredits).toHaveBeenCalledTimes(1));
  });

  it('does not ask BFL without a key, and falls back to the plain title on errors', async () => {
    const titles: string[] = [];
    const fetchCredits = vi.fn(async () => 1);
    const base = () => 'https://api.bfl.ai';
    await setupCreditsTitle({
      subscribe: () => () => {},
      hasKey: async () => false,
      fetchCredits,
      apiBase: base,
      setTitle: (t) => titles.push(t),
      logger: silentLogger,
    }).refresh();
    expect(fetchCredits).not.toHaveBeenCalled();
    const warn = vi.fn();
    await setupCreditsTitle({
      subscribe: () => () => {},
      hasKey: async () => true,
      fetchCredits: async () => {
        throw new Error('offline');
      },
      apiBase: base,
      setTitle: (t) => titles.push(t),
      logger: { warn },
    }).refresh();
    expect(titles).toEqual(['Seedbank', 'Seedbank']);
    expect(warn).toHaveBeenCalled();
  });
});
