/**
 * BFL's own pages the app links to (Help menu, the 402 message, key onboarding). One place, so
 * the menu and the studio never disagree. Sources: docs/bfl-links.md.
 */
export const BFL_LINKS = {
  docs: 'https://docs.bfl.ai/',
  /** The dashboard: credits are bought here, and API keys are made here ("Add Key"). */
  dashboard: 'https://dashboard.bfl.ai/',
  status: 'https://status.bfl.ai/',
} as const;
