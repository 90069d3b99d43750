/**
 * Puts the gallery's first page into the HTML a front door serves (the web host's page and the
 * desktop app's `seedbank-app://` page), so the page paints its first tiles while its scripts
 * load instead of after a socket or IPC round trip and React's first render
 * (docs/performance.md, "The first page inside the HTML").
 *
 * The page is the answer `library:list` gives to the page's own first request
 * (shared/first-page.ts), through the same dispatcher, so it is checked and shaped exactly as
 * every other answer. Serving the page never waits long for it: a library that is slow to answer
 * (a team server far away) gets the page without it, and the page asks over its socket as before.
 */
import { FIRST_PAGE_ELEMENT_ID, FIRST_PAGE_MARKER, FIRST_PAGE_REQUEST } from '../../../shared/first-page';
import type { Dispatch } from '../contract/dispatch';

/** How long the HTML may wait for the first page before it goes out without it. */
export const FIRST_PAGE_WAIT_MS = 150;

/**
 * JSON that cannot end the `<script>` element it sits in, whatever a prompt holds: `<`, `>` and
 * `&` become JSON escapes (the parser never sees `</script>` or `<!--`), and so do U+2028/U+2029.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

async function firstPageWithin(dispatch: Dispatch, waitMs: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  try {
    const answer = await Promise.race([dispatch('library:list', FIRST_PAGE_REQUEST), late]);
    return answer && 'result' in answer ? answer.result : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The page with its first page in place of the marker. Unchanged when it has no marker (a
 * development build) and without the data — the marker simply dropped — when the library did not
 * answer in time or answered with an error (the page then asks, and shows the error, itself).
 */
export async function withFirstPage(html: string, dispatch: Dispatch, waitMs = FIRST_PAGE_WAIT_MS): Promise<string> {
  if (!html.includes(FIRST_PAGE_MARKER)) return html;
  const page = await firstPageWithin(dispatch, waitMs);
  const element =
    page === null
      ? ''
      : `<script type="application/json" id="${FIRST_PAGE_ELEMENT_ID}">${jsonForScriptElement(page)}</script>`;
  return html.replace(FIRST_PAGE_MARKER, () => element);
}
