/**
 * A link to a page outside the app. `target="_blank"`: the desktop app hands every https window
 * to the system browser (electron/security.ts) and never navigates itself; the browser host
 * opens a new tab. `noopener noreferrer`: the page gets no handle on the studio.
 */
import type { ReactNode } from 'react';

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="external-link">
      {children}
    </a>
  );
}
