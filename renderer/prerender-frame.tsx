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

/**
 * The stores' initial states, as zustand answers a server render (its server snapshot is the
 * store's initial state, not a state set here): the library's count is null there, so the frame
 * shows an empty count beside the tiles the pre-paint draws, not "0 images".
 */
export function renderFrame(): string {
  return renderToStaticMarkup(<App />);
}
