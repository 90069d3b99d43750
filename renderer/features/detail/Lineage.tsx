/** The chain of edits, the reference images an image used, and the library images that used it. */
import type { GenerationDetail } from '../../../shared/api';
import { useViewStore } from '../../state/view-store';
import { formatBytes } from '../composer/read-image-file';
import { EditChain } from './EditChain';

export function Lineage({ detail }: { detail: GenerationDetail }) {
  const openDetail = useViewStore((s) => s.openDetail);
  return (
    <>
      <EditChain chain={detail.chain} currentId={detail.generation.id} />
      {detail.references.length > 0 && (
        <section aria-label="Reference images used">
          <h3>Used</h3>
          <div className="lineage">
            {detail.references.map(({ input, generation }, i) => (
              <figure key={`${input.hash}-${i}`}>
                <button type="button" disabled={!generation} onClick={() => generation && openDetail(generation.id)}>
                  <img src={input.url} alt={`Reference ${i + 1}`} />
                </button>
                <figcaption className="hint">
                  {input.width}×{input.height} · {formatBytes(input.bytes)}
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
      {detail.usedBy.length > 0 && (
        <section aria-label="Images made from this one">
          <h3>Used by</h3>
          <div className="lineage">
            {detail.usedBy.map((g, i) => (
              <figure key={g.id}>
                <button type="button" onClick={() => openDetail(g.id)}>
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
