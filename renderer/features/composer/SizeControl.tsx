/**
 * Output size in the model's own terms: presets and free width/height snapped to its rule (FLUX.2,
 * FLUX.1), a ratio picker (Kontext, Ultra), padding per side (Expand), or a note when the size
 * follows the input image (Fill).
 */
import { useEffect, useState } from 'react';
import { aspectInRange, sizeForAspect, snapSize, type ModelSpec } from '../../../shared/models';
import { useComposerStore } from '../../state/composer-store';
import { expandLimits } from '../../../shared/models/editor-kinds';
import { ExpandBorderFields, useBorderSetter } from '../../ui/ExpandBorderFields';

const RATIOS = ['21:9', '16:9', '3:2', '4:3', '1:1', '3:4', '2:3', '9:16', '9:21'];

function WidthHeight({ spec, invalidField }: { spec: ModelSpec; invalidField: string | null }) {
  const params = useComposerStore((s) => s.params);
  const setParam = useComposerStore((s) => s.setParam);
  const width = typeof params.width === 'number' ? params.width : 1024;
  const height = typeof params.height === 'number' ? params.height : 1024;
  const [draft, setDraft] = useState({ width: String(width), height: String(height) });
  /** What the composer changed in a typed size, said beside the fields (never silently). */
  const [adjusted, setAdjusted] = useState<string | null>(null);
  useEffect(() => setDraft({ width: String(width), height: String(height) }), [width, height]);
  const rule = spec.size.kind === 'wh' ? spec.size : null;

  const commit = () => {
    const snapped = snapSize(spec, Number(draft.width), Number(draft.height));
    if (snapped) {
      const typed = `${draft.width} × ${draft.height}`;
      const result = `${snapped.width} × ${snapped.height}`;
      setAdjusted(
        typed === result
          ? null
          : `Adjusted ${typed} to ${result}${rule ? ` (multiples of ${rule.multiple}, ${rule.min}–${rule.max ?? 'any'} px${rule.maxMp ? `, up to ${rule.maxMp} MP` : ''})` : ''}.`,
      );
      setParam('width', snapped.width);
      setParam('height', snapped.height);
      setDraft({ width: String(snapped.width), height: String(snapped.height) });
    }
  };
  const preset = (ratio: string) => {
    setAdjusted(null);
    const size = sizeForAspect(spec, ratio);
    if ('width' in size) {
      setParam('width', size.width);
      setParam('height', size.height);
    }
  };
  const current = RATIOS.find((r) => {
    const size = sizeForAspect(spec, r);
    return 'width' in size && size.width === width && size.height === height;
  });

  return (
    <div className="field">
      <span className="label">Size</span>
      <div className="chips" role="group" aria-label="Size presets">
        {RATIOS.map((r) => (
          <button
            key={r}
            type="button"
            className={current === r ? 'chip on' : 'chip'}
            aria-pressed={current === r}
            onClick={() => preset(r)}
          >
            {r}
          </button>
        ))}
      </div>
      <div className="row">
        <input
          aria-label="Width"
          type="number"
          value={draft.width}
          step={rule?.multiple ?? 1}
          min={rule?.min}
          max={rule?.max ?? undefined}
          aria-invalid={invalidField === 'width'}
          onChange={(e) => setDraft({ ...draft, width: e.target.value })}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
        <span className="times">×</span>
        <input
          aria-label="Height"
          type="number"
          value={draft.height}
          step={rule?.multiple ?? 1}
          min={rule?.min}
          max={rule?.max ?? undefined}
          aria-invalid={invalidField === 'height'}
          onChange={(e) => setDraft({ ...draft, height: e.target.value })}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      </div>
      {adjusted && (
        <span className="hint adjusted" role="status" data-testid="size-adjusted">
          {adjusted}
        </span>
      )}
      {rule && (
        <span className="hint">
          Multiples of {rule.multiple}, {rule.min}–{rule.max ?? 'any'} px{rule.maxMp ? `, up to ${rule.maxMp} MP` : ''}{' '}
          · {((width * height) / 1e6).toFixed(2)} MP
        </span>
      )}
    </div>
  );
}

function AspectPicker({ spec }: { spec: ModelSpec }) {
  const value = useComposerStore((s) => s.params.aspect_ratio);
  const setParam = useComposerStore((s) => s.setParam);
  if (spec.size.kind !== 'aspect') return null;
  const { min, max } = spec.size;
  const allowed = RATIOS.filter((r) => aspectInRange(r, min, max));
  return (
    <div className="field">
      <label htmlFor="composer-aspect">Aspect ratio</label>
      <select
        id="composer-aspect"
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => setParam('aspect_ratio', e.target.value || null)}
      >
        {spec.size.default === null && <option value="">Same as the input image</option>}
        {allowed.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <span className="hint">
        From {min} to {max}
      </span>
    </div>
  );
}

function ExpandFields({ spec }: { spec: ModelSpec }) {
  const limits = expandLimits(spec);
  const setter = useBorderSetter(limits ?? { max: 0, multiple: 1 });
  if (!limits) return null;
  return (
    <div className="field">
      <span className="label">Expand by (px)</span>
      <ExpandBorderFields limits={limits} setter={setter} />
    </div>
  );
}

export function SizeControl({ spec, invalidField }: { spec: ModelSpec; invalidField: string | null }) {
  switch (spec.size.kind) {
    case 'wh':
      return <WidthHeight spec={spec} invalidField={invalidField} />;
    case 'aspect':
      return <AspectPicker spec={spec} />;
    case 'expand':
      return <ExpandFields spec={spec} />;
    case 'follows-input':
      return <p className="hint">The output has the size of the image to edit.</p>;
  }
}
