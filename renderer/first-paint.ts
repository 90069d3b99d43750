/**
 * The pre-paint: the first page's tiles, drawn into the studio's frame in index.html while the
 * entry and React still load, from the first page the front door put into the HTML. Built apart
 * from the bundle as a small classic script (scripts/first-paint-script.mjs) that the parser runs
 * as soon as the stylesheet is in — ~50 ms after the HTML instead of after the entry, the socket's
 * round trip and React's first render (docs/performance.md, "The first page inside the HTML").
 *
 * It lays the tiles out with the grid's own justified layout and measures (grid-geometry.ts) and
 * the same classes, so React's first render — which replaces everything in #root at once — puts
 * the same tiles in the same place. Only the rows in view are drawn; nothing here is interactive.
 */
import { DEFAULT_THUMB_SIZE, GRID_GAP, GRID_PAD, aspectOf } from './ui/grid-geometry';
import { justifyRows } from './features/gallery/justified-layout';
import { readInlineFirstPage } from './platform/inline-first-page';

function paint(): void {
  const page = readInlineFirstPage();
  const gallery = document.querySelector<HTMLElement>('#root .gallery');
  const inner = gallery?.querySelector<HTMLElement>('.gallery-inner');
  if (!page || !gallery || !inner || page.items.length === 0) return;
  const rows = justifyRows(page.items.map(aspectOf), gallery.clientWidth - GRID_PAD, DEFAULT_THUMB_SIZE, GRID_GAP);
  const fragment = document.createDocumentFragment();
  let top = 0;
  for (const row of rows) {
    if (top > gallery.clientHeight) break;
    const line = document.createElement('div');
    line.className = 'gallery-row';
    line.setAttribute('role', 'row');
    line.style.transform = `translateY(${top}px)`;
    line.style.height = `${row.height}px`;
    line.style.gap = `${GRID_GAP}px`;
    row.widths.forEach((width, i) => {
      const gen = page.items[row.start + i];
      if (!gen) return;
      const tile = document.createElement('div');
      tile.className = 'thumb';
      tile.setAttribute('role', 'gridcell');
      tile.style.width = `${width}px`;
      tile.style.height = `${row.height}px`;
      const img = document.createElement('img');
      img.alt = gen.prompt;
      img.decoding = 'async';
      img.src = gen.thumbUrl;
      tile.append(img);
      line.append(tile);
    });
    fragment.append(line);
    top += row.height + GRID_GAP;
  }
  inner.style.height = `${rows.reduce((sum, row) => sum + row.height + GRID_GAP, 0)}px`;
  inner.append(fragment);
}

paint();
