/**
 * The studio's first render, in its own chunk: main.tsx loads it after the first requests have
 * been made, so React and the studio are fetched, parsed and compiled while the host answers
 * them, not before they leave (docs/performance.md, "First gallery paint").
 */
import { StrictMode, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

/**
 * #root stays `inert` while it holds the build-time frame (index.html), so nothing typed or
 * clicked there is lost; React's first commit replaces the frame, and then the studio is live.
 */
function TakeOver({ root, children }: { root: HTMLElement; children: ReactNode }) {
  useLayoutEffect(() => root.removeAttribute('inert'), [root]);
  return children;
}

export function renderStudio(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <TakeOver root={root}>
        <App />
      </TakeOver>
    </StrictMode>,
  );
}
