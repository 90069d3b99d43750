/** Two or more images side by side, or two as a slider, with parameter differences highlighted. */
import { useEffect, useState } from 'react';
import type { Generation } from '../../../shared/types';
import { seedbank } from '../../platform/seedbank';
import { useViewStore } from '../../state/view-store';
import { CompareSlider } from './CompareSlider';
import { diffParams } from './param-diff';

const LETTERS = 'ABCDEF';

export function CompareView({ ids }: { ids: string[] }) {
  const [gens, setGens] = useState<Generation[]>([]);
  const [mode, setMode] = useState<'side' | 'slider'>('side');
  const close = useViewStore((s) => s.closeCompare);
  const openDetail = useViewStore((s) => s.openDetail);

  useEffect(() => {
    let stale = false;
    void Promise.all(ids.map((id) => seedbank().library.get({ id }))).then((details) => {
      if (!stale) setGens(details.map((d) => d.generation));
    });
    return () => {
      stale = true;
    };
  }, [ids]);
  if (gens.length < 2) return null;
  const [a, b] = gens as [Generation, Generation];
  const rows = diffParams(gens);

  return (
    <div className="overlay compare" role="dialog" aria-modal="true" aria-label="Compare images">
      <header className="panel-head">
        <h2>Compare {gens.length} images</h2>
        <div className="segmented" role="radiogroup" aria-label="Compare mode">
          <button
            type="button"
            role="radio"
            aria-checked={mode === 'side'}
            className={mode === 'side' ? 'on' : ''}
            onClick={() => setMode('side')}
          >
            Side by side
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={mode === 'slider'}
            className={mode === 'slider' ? 'on' : ''}
            onClick={() => setMode('slider')}
          >
            Slider (A / B)
          </button>
        </div>
        <button type="button" className="ghost" aria-label="Close compare" onClick={close}>
          ×
        </button>
      </header>
      {mode === 'side' ? (
        <div className="compare-side" style={{ gridTemplateColumns: `repeat(${gens.length}, 1fr)` }}>
          {gens.map((g, i) => (
            <figure key={g.id}>
              <button type="button" className="plain" onClick={() => openDetail(g.id)}>
                <img src={g.imageUrl} alt={`Image ${LETTERS[i] ?? i + 1}`} />
              </button>
              <figcaption>{LETTERS[i]}</figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <CompareSlider left={a} right={b} />
      )}
      <table className="params diff">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            {gens.map((g, i) => (
              <th key={g.id} scope="col">
                {LETTERS[i]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className={row.differs ? 'differs' : undefined} data-differs={row.differs}>
              <th scope="row">{row.name}</th>
              {row.values.map((v, i) => (
                <td key={i}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
