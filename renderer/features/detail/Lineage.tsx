/** The chain of edits, the reference images an image used, and the library images that used it. */
import type { GenerationDetail } from '../../../shared/api';
import { getModel } from '../../../shared/models';
import { useLibraryStore } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { useViewerStore } from '../../state/viewer-store';
import { formatBytes } from '../../ui/format';
import { EditChain } from './EditChain';

export function Lineage({ detail }: { detail: GenerationDetail }) {
  // Following a link is a hop Back returns from.
  const follow = useViewerStore((s) => s.follow);
  // What each slot was for, from the catalog: a Fill mask reads "Mask (white = change)".
  const labels = getModel(detail.generation.model)?.images.labels ?? [];
  return (
    <>
      <EditChain chain={detail.chain} currentId={detail.generation.id} />
      {detail.references.length > 0 && (
        <section aria-label="Reference images used">
          <h3>Used</h3>
          <div className="lineage">
            {detail.references.map(({ input, generation }, i) => (
              <figure key={`${input.hash}-${i}`}>
                <button type="button" disabled={!generation} onClick={() => generation && follow(generation.id)}>
                  <img src={input.url} alt={labels[i] ?? `Reference ${i + 1}`} />
                </button>
                <figcaption className="hint">
                  {labels[i] && <span className="slot-label">{labels[i]}</span>} {input.width}×{input.height} ·{' '}
                  {formatBytes(input.bytes)}
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
      {detail.usedBy.length > 0 && (
        <section aria-label="Images made from this one">
          <h3>
            Used by{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                useLibraryStore.getState().setFilter({ editsOf: detail.generation.id });
                useViewStore.getState().closeDetail();
              }}
            >
              Show all edits of this image in the grid
            </button>
          </h3>
          <div className="lineage">
            {detail.usedBy.map((g, i) => (
              <figure key={g.id}>
                <button type="button" onClick={() => follow(g.id)}>
                  <img src={g.thumbUrl} alt={`Made from this image, #${i + 1}`} />
                </button>
              </figure>
            ))}
          </div>
        </section>
      )}
    </>
  );
}
