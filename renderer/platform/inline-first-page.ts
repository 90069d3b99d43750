/**
 * The gallery's first page the front door put into the HTML (electron/core/page/first-page-html.ts),
 * read by the pre-paint (renderer/first-paint.ts) and by the entry, which seeds the library store
 * with it. Null when the page came without it (development server, a library slow to answer).
 */
import { FIRST_PAGE_ELEMENT_ID } from '../../shared/first-page';
import type { LibraryPage } from '../../shared/api';

export function readInlineFirstPage(doc: Document = document): LibraryPage | null {
  const text = doc.getElementById(FIRST_PAGE_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const page = JSON.parse(text) as Partial<LibraryPage> | null;
    // Our own host wrote it, but a page that cannot be used must not break the start: the page
    // then asks over its socket as it always could.
    if (!page || !Array.isArray(page.items)) return null;
    return { items: page.items, nextCursor: page.nextCursor ?? null, total: page.total ?? null, offline: page.offline };
  } catch {
    return null;
  }
}
