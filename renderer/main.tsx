/**
 * The renderer's entry: get `window.seedbank` (preload in Electron, WebSocket bridge in a browser),
 * take the gallery's first page from the HTML when the front door put it there (the pre-paint has
 * drawn its tiles already), wire the stores to their events once — which sends the first requests
 * — then load and render the studio. The entry is small on purpose: React and the studio
 * (render-studio.tsx) load while the host works on those requests, instead of before they are sent.
 */
import { FIRST_PAGE_ELEMENT_ID } from '../shared/first-page';
import { readInlineFirstPage } from './platform/inline-first-page';
import { initSeedbank } from './platform/seedbank';
import { useLibraryStore } from './state/library-store';
import { wireStores } from './state/wire';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/notices.css';
import './styles/queue.css';
import './styles/gallery.css';
import './styles/detail.css';
import './styles/compare.css';
import './styles/viewer.css';
import './styles/settings.css';
import './styles/editors.css';
import './styles/library-io.css';

initSeedbank();
// The first page the front door put into the HTML (the pre-paint drew its tiles already): with
// it in the store, React's first render needs no round trip. Its element is dropped once read.
const inlinePage = readInlineFirstPage();
if (inlinePage) useLibraryStore.getState().seedFirstPage(inlinePage);
document.getElementById(FIRST_PAGE_ELEMENT_ID)?.remove();
wireStores();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
/**
 * Settles once the gallery's first page (or its error) is in the store, or after `maxMs`. The
 * first render waits for it: rendered before the page is in, the studio renders its shell, and the
 * page's answer — queued behind that render — brings a second render for the tiles; rendered after,
 * the shell and the tiles are one render. A host that is slow to answer delays the shell by at
 * most `maxMs`.
 */
function firstPageIn(maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (useLibraryStore.getState().loadedOnce) return resolve();
    const off = useLibraryStore.subscribe((state) => {
      if (state.loadedOnce) done();
    });
    const timer = setTimeout(done, maxMs);
    function done(): void {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

void Promise.all([import('./render-studio'), firstPageIn(200)]).then(([{ renderStudio }]) => renderStudio(root));
