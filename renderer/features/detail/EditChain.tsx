/**
 * The chain of edits through this image as a strip, oldest first: each step's instruction and
 * output size, a warning where a step came back smaller than its source, and the actions a person
 * needs to iterate — open it, compare it with the step before, or branch a new edit from it.
 */
import type { ChainStep } from '../../../shared/api';
import { useViewStore } from '../../state/view-store';
import { useViewerStore } from '../../state/viewer-store';
import { editImage } from '../../state/edit-actions';

function sizeOf(step: ChainStep): string {
  const g = step.generation;
  return g.width && g.height ? `${g.width}×${g.height}` : 'size unknown';
}

export function EditChain({ chain, currentId }: { chain: ChainStep[]; currentId: string }) {
  // Following a link is a hop Back returns from.
  const follow = useViewerStore((s) => s.follow);
  const openCompare = useViewStore((s) => s.openCompare);
  if (chain.length < 2) return null;
  return (
    <section aria-label="Chain of edits">
      <h3>Chain of edits</h3>
      <ol className="edit-chain">
        {chain.map((step, i) => {
          const g = step.generation;
          const parent = i > 0 ? chain[i - 1] : undefined;
          const current = g.id === currentId;
          return (
            <li key={g.id} className={current ? 'current' : undefined} aria-current={current ? 'step' : undefined}>
              <button type="button" className="thumb" onClick={() => follow(g.id)} disabled={current}>
                <img src={g.thumbUrl} alt={i === 0 ? 'Source' : `Edit ${i}`} />
              </button>
              <div className="step-text">
                <span className="step-title">{i === 0 ? 'Source' : `Edit ${i}`}</span>
                <span className="step-prompt" title={g.prompt}>
                  {g.prompt || '(no prompt)'}
                </span>
                <span className="hint">
                  {sizeOf(step)} · {g.model}
                </span>
                {step.shrunk && parent && (
                  <span className="hint adjusted" role="note">
                    Smaller than its source ({sizeOf(parent)} → {sizeOf(step)})
                  </span>
                )}
                <span className="step-actions">
                  {parent && (
                    <button type="button" className="link" onClick={() => openCompare([parent.generation.id, g.id])}>
                      Compare with {i === 1 ? 'source' : `edit ${i - 1}`}
                    </button>
                  )}
                  <button type="button" className="link" onClick={() => void editImage(g, i > 0)}>
                    {i === chain.length - 1 ? 'Continue from this' : 'Branch from here'}
                  </button>
                </span>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
