import { describe, expect, it } from 'vitest';
import { FIRST_PAGE_ELEMENT_ID, FIRST_PAGE_MARKER, FIRST_PAGE_REQUEST } from '../../../shared/first-page';
import type { Dispatch } from '../contract/dispatch';
import { withFirstPage } from './first-page-html';

const PAGE_HTML = `<body><div id="root"></div>${FIRST_PAGE_MARKER}<script src="./assets/first-paint.js"></script></body>`;
const HOSTILE = 'fox </script><script>alert(1)</script> <!-- \u2028 & done';

/** The JSON the page would read back from the element (as the browser's textContent gives it). */
function inlinedPage(html: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${FIRST_PAGE_ELEMENT_ID}">(.*?)</script>`, 's').exec(
    html,
  );
  return match ? JSON.parse(match[1]!) : null;
}

describe('the first page inside the served HTML', () => {
  it('puts the answer to the page’s own first request in place of the marker, before the pre-paint script', async () => {
    const asked: unknown[] = [];
    const page = { items: [{ id: 'a', prompt: 'a lighthouse' }], nextCursor: 'c1', total: null };
    const dispatch: Dispatch = async (channel, payload) => {
      asked.push([channel, payload]);
      return { result: page };
    };
    const html = await withFirstPage(PAGE_HTML, dispatch);
    expect(asked).toEqual([['library:list', FIRST_PAGE_REQUEST]]);
    expect(inlinedPage(html)).toEqual(page);
    expect(html.indexOf(FIRST_PAGE_ELEMENT_ID)).toBeLessThan(html.indexOf('first-paint.js'));
  });

  it('keeps a prompt holding markup inside its element: one script element ends, the text comes back whole', async () => {
    const dispatch: Dispatch = async () => ({
      result: { items: [{ id: 'a', prompt: HOSTILE }], nextCursor: null, total: null },
    });
    const html = await withFirstPage(PAGE_HTML, dispatch);
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the JSON element's and the pre-paint's
    expect(html).not.toContain('<!-- \u2028');
    expect(inlinedPage(html)).toEqual({ items: [{ id: 'a', prompt: HOSTILE }], nextCursor: null, total: null });
  });

  it('serves the page without the data when the library answers with an error, or too late', async () => {
    const failing: Dispatch = async () => ({ error: { code: 'INTERNAL', message: 'database is locked' } });
    const slow: Dispatch = () => new Promise(() => undefined);
    for (const dispatch of [failing, slow]) {
      const html = await withFirstPage(PAGE_HTML, dispatch, 20);
      expect(html).not.toContain(FIRST_PAGE_MARKER);
      expect(html).not.toContain(FIRST_PAGE_ELEMENT_ID);
      expect(html).toContain('first-paint.js');
    }
  });

  it('leaves a page without the marker (a development build) as it is, asking nothing', async () => {
    const dispatch: Dispatch = async () => {
      throw new Error('asked');
    };
    expect(await withFirstPage('<body>dev</body>', dispatch)).toBe('<body>dev</body>');
  });
});
