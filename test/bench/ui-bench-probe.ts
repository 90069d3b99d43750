/**
 * What the UI benchmark injects into the page before the app loads (as a string: this runs in
 * the browser, the bench in Node). It watches the DOM and the app's WebSocket and records, on
 * `window.__bench`: when the first thumbnail entered the DOM, the most thumbnails ever in the DOM, when each `library:changed` image arrived
 * and when it first appeared in the grid, and when the last search was sent, answered and painted.
 */
export const PROBE_SCRIPT = String.raw`
(() => {
  const bench = { socketOpenAt: 0, firstListSentAt: 0, firstListId: null, firstListAnsweredAt: 0, firstThumbAt: 0, liveAt: 0, maxThumbs: 0, arrived: {}, appeared: {}, searchTerm: null, lastKeyAt: 0, searchIds: new Set(), searchSentAt: 0, searchAnsweredAt: 0, searchPaintedAt: 0 };
  window.__bench = bench;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { if (!bench.socketOpenAt) bench.socketOpenAt = performance.now(); });
      this.addEventListener('message', (m) => {
        const text = String(m.data);
        if (bench.firstListId !== null && !bench.firstListAnsweredAt && text.startsWith('{"id":' + bench.firstListId + ',')) bench.firstListAnsweredAt = performance.now();
        if (text.startsWith('{"event":"library:changed"')) {
          const at = performance.now();
          for (const g of JSON.parse(text).payload.added) bench.arrived[g.prompt] = at;
        } else if (bench.searchTerm !== null && text.startsWith('{"id":')) {
          const id = JSON.parse(text).id;
          if (bench.searchIds.has(id)) {
            bench.searchIds.delete(id);
            bench.searchAnsweredAt = performance.now();
            requestAnimationFrame(() => requestAnimationFrame(() => { bench.searchPaintedAt = performance.now(); }));
          }
        }
      });
    }
    send(data) {
      if (!bench.firstListSentAt && typeof data === 'string' && data.includes('"library:list"')) {
        bench.firstListSentAt = performance.now();
        bench.firstListId = JSON.parse(data).id;
      }
      if (bench.searchTerm !== null && typeof data === 'string' && data.includes('"library:list"')) {
        const frame = JSON.parse(data);
        if (frame.payload && frame.payload.cursor === null && frame.payload.filter && frame.payload.filter.search === bench.searchTerm) {
          bench.searchIds.add(frame.id);
          bench.searchSentAt = performance.now();
        }
      }
      super.send(data);
    }
  };
  window.addEventListener('keydown', () => { bench.lastKeyAt = performance.now(); }, true);
  const watch = () => {
    const thumbs = document.querySelectorAll('.thumb');
    if (!bench.firstThumbAt && document.querySelector('[role=gridcell] img')) bench.firstThumbAt = performance.now();
    const root = document.getElementById('root');
    if (!bench.liveAt && root && !root.hasAttribute('inert') && root.querySelector('[role=gridcell] img')) bench.liveAt = performance.now();
    if (thumbs.length > bench.maxThumbs) bench.maxThumbs = thumbs.length;
    for (const prompt of Object.keys(bench.arrived)) {
      if (bench.appeared[prompt] === undefined && document.querySelector('[role=gridcell] img[alt="' + CSS.escape(prompt) + '"]')) {
        bench.appeared[prompt] = performance.now();
      }
    }
  };
  new MutationObserver(watch).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['inert'] });
})();
`;

/** The probe's record, as read back by the bench. */
export interface ProbeState {
  /** When the app's WebSocket opened, its first `library:list` left and was answered (ms since navigation start). */
  socketOpenAt: number;
  firstListSentAt: number;
  firstListAnsweredAt: number;
  /** When the first thumbnail entered the DOM, in ms since navigation start. */
  firstThumbAt: number;
  /** When React's grid had taken over from the pre-paint (#root no longer inert, with tiles). */
  liveAt: number;
  maxThumbs: number;
  arrived: Record<string, number>;
  appeared: Record<string, number>;
  lastKeyAt: number;
  /** When the last request for the search was sent, its answer arrived, and the grid was painted after it. */
  searchSentAt: number;
  searchAnsweredAt: number;
  searchPaintedAt: number;
}
