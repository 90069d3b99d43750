/**
 * The renderer's entry: get `window.seedbank` (preload in Electron, WebSocket bridge in a browser),
 * wire the stores to its events once — which sends the gallery's first page request — then load
 * and render the studio. The entry is small on purpose: React and the studio (render-studio.tsx)
 * load while the host works on that request, instead of before it is sent.
 */
import { hostConnected, initSeedbank } from './platform/seedbank';
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
wireStores();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The first requests leave before the first render (see hostConnected), never more than 200 ms late.
void Promise.all([import('./render-studio'), hostConnected(200)]).then(([{ renderStudio }]) => renderStudio(root));
