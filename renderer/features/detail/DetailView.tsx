/**
 * One image, large, in a viewer (zoom and pan, previous/next, a filmstrip, Back through lineage
 * hops), with everything about how it was made and what can be done with it. Esc closes; the
 * viewer's keys are in the shortcut table.
 */
import { useEffect, useState } from 'react';
import type { GenerationDetail } from '../../../shared/api';
import type { ErrorInfo } from '../../../shared/errors';
import { isDesktop, seedbank } from '../../platform/seedbank';
import { useLibraryStore } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { useViewerStore } from '../../state/viewer-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { errorInfoOf } from '../../ui/error-text';
import { RatingStars } from '../../ui/RatingStars';
import {
  copyText,
  favorite,
  rate,
  restore,
  reuseAll,
  reuseSeed,
  tag,
  trash,
  addAsReference,
} from '../../state/library-actions';
import { EditorActions } from './EditorActions';
import { Lineage } from './Lineage';
import { MadeWith } from './MadeWith';
import { ParamTable } from './ParamTable';
import { TagSuggestions } from '../../ui/TagSuggestions';
import { Highlighted } from './Highlighted';
import { Filmstrip } from './Filmstrip';
import { Loupe } from './Loupe';
import { ViewerBar } from './ViewerBar';

export function DetailView({ id }: { id: string }) {
  const [detail, setDetail] = useState<GenerationDetail | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [tagText, setTagText] = useState('');
  const [revealed, setRevealed] = useState<string | null>(null);
  const live = useLibraryStore((s) => s.items.find((g) => g.id === id));
  const closeDetail = useViewStore((s) => s.closeDetail);
  const openCompare = useViewStore((s) => s.openCompare);
  const showToast = useViewStore((s) => s.showToast);

  // Each image opens fitted; the trail Back walks ends when the viewer closes.
  useEffect(() => useViewerStore.getState().resetZoom(), [id]);
  useEffect(() => () => useViewerStore.getState().forget(), []);

  useEffect(() => {
    let stale = false;
    setRevealed(null);
    seedbank()
      .library.get({ id })
      .then((d) => !stale && (setDetail(d), setError(null)))
      .catch((err: unknown) => !stale && setError(errorInfoOf(err)));
    return () => {
      stale = true;
    };
  }, [id]);

  // The whole record comes from `library:get` (a gallery item is thin); the gallery's copy, kept
  // current by `library:changed`, lays its fields over it so a rating or tag shows at once.
  const whole = detail?.generation.id === id ? detail.generation : null;
  const gen = whole && live ? { ...whole, ...live } : whole;
  if (error) {
    return (
      <div className="overlay" role="dialog" aria-modal="true" aria-label="Image detail">
        <ErrorNotice error={error} onDismiss={closeDetail} />
      </div>
    );
  }
  if (!gen) return null;

  const reveal = async () => {
    try {
      const { path } = await seedbank().library.reveal({ id: gen.id });
      setRevealed(path);
    } catch (err) {
      setError(errorInfoOf(err));
    }
  };
  // An image whose chain has a step before it is itself an edit: editing it continues the chain.
  const isEdit = (detail?.chain.findIndex((s) => s.generation.id === gen.id) ?? -1) > 0;
  const compareWith = () => {
    const others = [...useLibraryStore.getState().selected].filter((x) => x !== gen.id);
    if (others.length === 0) showToast('Select another image in the grid (Ctrl/⌘+click), then Compare');
    else openCompare([gen.id, ...others].slice(0, 6));
  };

  return (
    <div className="overlay detail" role="dialog" aria-modal="true" aria-label="Image detail">
      <div className="viewer">
        <ViewerBar gen={gen} />
        <Loupe key={gen.id} gen={gen} />
        <Filmstrip currentId={gen.id} />
      </div>
      <aside className="detail-info">
        <header className="panel-head">
          <h2>Details</h2>
          <button type="button" className="ghost" aria-label="Close detail" onClick={closeDetail}>
            ×
          </button>
        </header>
        <section aria-label="What was asked">
          <p className="detail-prompt">{gen.prompt ? <Highlighted text={gen.prompt} /> : <em>(no prompt)</em>}</p>
          {gen.upsampledPrompt && gen.upsampledPrompt !== gen.prompt && (
            <details open>
              <summary>The prompt BFL used (upsampled)</summary>
              <p className="detail-prompt upsampled">
                <Highlighted text={gen.upsampledPrompt} />
              </p>
            </details>
          )}
        </section>
        <div className="detail-actions">
          <button type="button" className="primary" onClick={() => void reuseAll(gen)}>
            Reuse all
          </button>
          <button type="button" disabled={gen.seed === null} onClick={() => reuseSeed(gen)}>
            Reuse seed
          </button>
          <button type="button" onClick={() => void addAsReference(gen)}>
            Use as reference
          </button>
          <EditorActions gen={gen} isEdit={isEdit} />
          <button type="button" onClick={compareWith}>
            Compare
          </button>
          <button type="button" aria-pressed={gen.favorite} onClick={() => void favorite([gen.id], !gen.favorite)}>
            {gen.favorite ? '♥ Favourite' : '♡ Favourite'}
          </button>
          <button type="button" onClick={() => void copyText(gen.upsampledPrompt ?? gen.prompt)}>
            Copy prompt
          </button>
          {isDesktop() && (
            <button type="button" onClick={() => void reveal()}>
              Reveal in folder
            </button>
          )}
          {!isDesktop() && (
            <button type="button" onClick={() => void reveal()}>
              Show file path
            </button>
          )}
          {gen.trashed ? (
            <button type="button" onClick={() => void restore([gen.id])}>
              Restore
            </button>
          ) : (
            <button type="button" className="danger" onClick={() => void trash([gen.id])}>
              Delete
            </button>
          )}
        </div>
        {revealed && <p className="hint path">{revealed}</p>}
        <RatingStars rating={gen.rating} onRate={(r) => void rate([gen.id], r)} />
        <div className="tags">
          {gen.tags.map((t) => (
            <span key={t} className="tag">
              {t}
              <button type="button" aria-label={`Remove tag ${t}`} onClick={() => void tag([gen.id], [], [t])}>
                ×
              </button>
            </span>
          ))}
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (tagText.trim()) void tag([gen.id], [tagText.trim()]);
              setTagText('');
            }}
          >
            <TagSuggestions id="detail-tag-suggestions" />
            <input
              aria-label="Add a tag"
              list="detail-tag-suggestions"
              placeholder="add tag"
              value={tagText}
              onChange={(e) => setTagText(e.target.value)}
            />
          </form>
        </div>
        <ParamTable gen={gen} />
        {detail?.generation.id === id && detail.madeWith && <MadeWith source={detail.madeWith} />}
        {detail && detail.generation.id === id && <Lineage detail={detail} />}
      </aside>
    </div>
  );
}
