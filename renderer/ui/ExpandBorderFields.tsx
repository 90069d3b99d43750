/**
 * The four border fields of Expand, in the composer and in the expand editor alike: values kept
 * within the catalog's limit, and a note beside a field when its value was adjusted.
 */
import { useState } from 'react';
import { useComposerStore } from '../state/composer-store';
import { bordersFromParams, fitBorder, SIDES, type BorderLimits, type Side } from '../../shared/models/expand-math';

export function useBorderSetter(limits: BorderLimits) {
  const setParam = useComposerStore((s) => s.setParam);
  const [notes, setNotes] = useState<Partial<Record<Side, string>>>({});
  const set = (side: Side, raw: number) => {
    const fitted = fitBorder(raw, limits);
    setParam(side, fitted.value);
    setNotes((n) => ({ ...n, [side]: fitted.note ?? undefined }));
  };
  const clearNotes = () => setNotes({});
  return { set, notes, clearNotes };
}

export function ExpandBorderFields({
  limits,
  setter,
}: {
  limits: BorderLimits;
  setter: ReturnType<typeof useBorderSetter>;
}) {
  const params = useComposerStore((s) => s.params);
  const borders = bordersFromParams(params);
  return (
    <div className="grid-2 border-fields">
      {SIDES.map((side) => (
        <div key={side} className="border-field">
          <label className="inline">
            <span>{side}</span>
            <input
              type="number"
              aria-label={`Expand ${side}`}
              min={0}
              max={limits.max}
              step={limits.multiple}
              value={borders[side]}
              aria-describedby={setter.notes[side] ? `expand-note-${side}` : undefined}
              onChange={(e) => setter.set(side, e.target.value === '' ? 0 : Number(e.target.value))}
            />
          </label>
          {setter.notes[side] && (
            <span id={`expand-note-${side}`} className="hint adjusted" role="status">
              {setter.notes[side]}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
