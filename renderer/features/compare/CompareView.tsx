/**
 * Compare 2–4 images: as a slider (A over B, divider dragged on the image), side by side (zoom and
 * pan together), or as a survey (each with its key parameters; mark and remove). Below, every
 * parameter with the differences marked and the prompts diffed word by word.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Generation } from '../../../shared/types';
import { seedbank } from '../../platform/seedbank';
import { favorite } from '../../state/library-actions';
import { MAX_COMPARED, useViewStore } from '../../state/view-store';
import { CompareSlider } from './CompareSlider';
import type { Lettered } from './lettered';
import { ParamTable } from './ParamTable';
import { SideBySide } from './SideBySide';
import { Survey } from './Survey';
import { diffPrompts } from './word-diff';

type Mode = 'slider' | 'side' | 'survey';

const MODES: { mode: Mode; label(a: string, b: string): string }[] = [
  { mode: 'slider', label: (a, b) => `Slider (${a} / ${b})` },
  { mode: 'side', label: () => 'Side by side' },
  { mode: 'survey', label: () => 'Survey' },
];

const LETTERS = 'ABCDEFGH'.slice(0, MAX_COMPARED);

export function CompareView({ ids }: { ids: string[] }) {
  const [gens, setGens] = useState<Generation[]>([]);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<Mode>(ids.length > 2 ? 'survey' : 'side');
  /** With more than two, the image the slider shows right of the divider (A stays left). */
  const [rightId, setRightId] = useState<string | null>(null);
  const close = useViewStore((s) => s.closeCompare);
  const openDetail = useViewStore((s) => s.openDetail);

  useEffect(() => {
    let stale = false;
    setRemoved(new Set());
    setMarked(new Set());
    void Promise.all(ids.map((id) => seedbank().library.get({ id }))).then((details) => {
      if (!stale) setGens(details.map((d) => d.generation));
    });
    return () => {
      stale = true;
    };
  }, [ids]);

  // Letters follow the order the images were chosen in and stay put when one is removed.
  const shown: Lettered[] = useMemo(
    () => gens.flatMap((gen, i) => (removed.has(gen.id) ? [] : [{ gen, letter: LETTERS[i] ?? String(i + 1) }])),
    [gens, removed],
  );
  const prompts = useMemo(() => {
    const [first, ...rest] = shown;
    if (!first) return [];
    const diff = diffPrompts(
      first.gen.prompt,
      rest.map((s) => s.gen.prompt),
    );
    return [diff.base, ...diff.others];
  }, [shown]);
  if (shown.length < 2) return null;
  const [a, second] = shown as [Lettered, Lettered, ...Lettered[]];
  const b = shown.find((s, i) => i > 0 && s.gen.id === rightId) ?? second;
  const markedIds = shown.filter((s) => marked.has(s.gen.id)).map((s) => s.gen.id);
  const toggleMark = (id: string) =>
    setMarked((m) => {
      const next = new Set(m);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="overlay compare" role="dialog" aria-modal="true" aria-label="Compare images">
      <header className="panel-head">
        <h2>Compare {shown.length} images</h2>
        <div className="segmented" role="radiogroup" aria-label="Compare mode">
          {MODES.map(({ mode: m, label }) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'on' : ''}
              onClick={() => setMode(m)}
            >
              {label(a.letter, b.letter)}
            </button>
          ))}
        </div>
        {mode === 'survey' && (
          <button type="button" disabled={markedIds.length === 0} onClick={() => void favorite(markedIds, true)}>
            ♥ Favourite marked{markedIds.length > 0 ? ` (${markedIds.length})` : ''}
          </button>
        )}
        <button type="button" className="ghost" aria-label="Close compare" onClick={close}>
          ×
        </button>
      </header>
      <div className={`compare-body ${mode}`}>
        <div className={`compare-stage-area ${mode}`}>
          {mode === 'slider' && shown.length > 2 && (
            <div
              className="segmented compare-pick"
              role="radiogroup"
              aria-label={`Right of the divider (${a.letter} is left)`}
            >
              {shown.slice(1).map((s) => (
                <button
                  key={s.gen.id}
                  type="button"
                  role="radio"
                  aria-checked={s === b}
                  className={s === b ? 'on' : ''}
                  onClick={() => setRightId(s.gen.id)}
                >
                  {a.letter} / {s.letter}
                </button>
              ))}
            </div>
          )}
          {mode === 'slider' && <CompareSlider key={`${a.gen.id}-${b.gen.id}`} a={a} b={b} />}
          {mode === 'side' && <SideBySide shown={shown} onOpen={openDetail} />}
          {mode === 'survey' && (
            <Survey
              shown={shown}
              prompts={prompts}
              marked={marked}
              onToggleMark={toggleMark}
              onRemove={(id) => setRemoved((r) => new Set([...r, id]))}
            />
          )}
        </div>
        <ParamTable shown={shown} prompts={prompts} />
      </div>
    </div>
  );
}
