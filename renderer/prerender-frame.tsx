/**
 * The studio's frame as React's first render makes it before any data is in (no settings, no
 * projects, no images), rendered to HTML at build time (scripts/first-paint.mjs) into index.html's
 * #root. The pre-paint (first-paint.ts) draws the first page's tiles into its grid; React's first
 * render then replaces #root with the same frame and the same tiles, so nothing moves: the top bar
 * and the filter bar — which wraps on narrow windows — are React's own markup, not a copy kept in
 * step by hand. #root is `inert` until React has taken over (render-studio.tsx), so nothing typed
 * or clicked into the frame is lost.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { App } from './App';
import { useLibraryStore } from './state/library-store';

export function renderFrame(): string {
  // The count is unknown until the host answers (an empty count, as React shows while it comes),
  // not "0 images" beside the tiles the pre-paint draws.
  useLibraryStore.setState({ total: null });
  return renderToStaticMarkup(<App />);
}
