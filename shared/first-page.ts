/**
 * The gallery's first page, as the page asks for it at start and as the front doors put it into
 * the HTML they serve (electron/core/page/first-page-html.ts), so the first tiles can be painted
 * before the page has a socket or React (renderer/first-paint.ts). One definition, so what the
 * host inlines is exactly what the page would have asked for.
 */
/** Images in the first page: more than a 1920 × 1080 window shows at the default tile size. */
export const FIRST_PAGE_SIZE = 120;

/** The id of the `<script type="application/json">` element carrying the first page. */
export const FIRST_PAGE_ELEMENT_ID = 'seedbank-first-page';

/** Where in index.html the front door puts that element (before the pre-paint script). */
export const FIRST_PAGE_MARKER = '<!--seedbank:first-page-->';

/** The request the page makes for its first page when nothing is filtered (the inlined one). */
export const FIRST_PAGE_REQUEST = {
  filter: {},
  sort: 'newest',
  cursor: null,
  limit: FIRST_PAGE_SIZE,
  count: false,
} as const;
