/**
 * The studio's first render, in its own chunk: main.tsx loads it after the first requests have
 * been made, so React and the studio are fetched, parsed and compiled while the host answers
 * them, not before they leave (docs/performance.md, "First gallery paint").
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

export function renderStudio(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
