/**
 * The credit balance in the window title ("Seedbank — 1,234.5 credits"), so it is visible in the
 * task switcher while a long batch runs. Read once at start when a key is set, then kept up to date
 * from `credits:changed`; a failed read leaves the plain title rather than a stale number.
 */
import type { EventChannel } from '../shared/api';
import type { Logger } from './core/logging/logger';
import { APP_TITLE } from './window';

const creditFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatWindowTitle(credits: number | null): string {
  if (credits === null || !Number.isFinite(credits)) return APP_TITLE;
  return `${APP_TITLE} — ${creditFormat.format(credits)} ${credits === 1 ? 'credit' : 'credits'}`;
}

export interface CreditsTitleDeps {
  subscribe: (listener: (channel: EventChannel, payload: unknown) => void) => () => void;
  hasKey: () => Promise<boolean>;
  fetchCredits: () => Promise<number>;
  /** The API base in effect; a different base is a different account. */
  apiBase: () => string;
  setTitle: (title: string) => void;
  logger: Pick<Logger, 'warn'>;
}

export function setupCreditsTitle(deps: CreditsTitleDeps): { refresh(): Promise<void>; stop(): void } {
  const refresh = async () => {
    try {
      if (!(await deps.hasKey())) {
        deps.setTitle(formatWindowTitle(null));
        return;
      }
      deps.setTitle(formatWindowTitle(await deps.fetchCredits()));
    } catch (error) {
      deps.setTitle(formatWindowTitle(null));
      deps.logger.warn('credit balance for the title could not be read', { error });
    }
  };
  let apiBase = deps.apiBase();
  const stop = deps.subscribe((channel, payload) => {
    if (channel === 'credits:changed') deps.setTitle(formatWindowTitle((payload as { credits: number }).credits));
    // Only a new region or API base changes the balance; a theme change must not call BFL.
    if (channel === 'settings:changed' && (payload as { apiBase: string }).apiBase !== apiBase) {
      apiBase = (payload as { apiBase: string }).apiBase;
      void refresh();
    }
  });
  return { refresh, stop };
}
