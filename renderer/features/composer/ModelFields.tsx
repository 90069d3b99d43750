/** The model's own fields (safety tolerance, format, steps, guidance, …), each with its range. */
import type { FieldSpec, ModelSpec } from '../../../shared/models';
import { useComposerStore } from '../../state/composer-store';
import { formFields } from '../../state/composer-params';

function FieldControl({ field, invalid }: { field: FieldSpec; invalid: boolean }) {
  const value = useComposerStore((s) => s.params[field.name]);
  const setParam = useComposerStore((s) => s.setParam);
  const id = `composer-field-${field.name}`;
  switch (field.kind) {
    case 'boolean':
      return (
        <label className="check" title={field.help}>
          <input type="checkbox" checked={value === true} onChange={(e) => setParam(field.name, e.target.checked)} />
          {field.label}
        </label>
      );
    case 'enum':
      return (
        <div className="field">
          <label htmlFor={id}>{field.label}</label>
          <select
            id={id}
            value={typeof value === 'string' ? value : field.default}
            onChange={(e) => setParam(field.name, e.target.value)}
          >
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
      );
    case 'integer':
    case 'number': {
      const step = field.kind === 'number' ? field.step : 1;
      const current = typeof value === 'number' ? value : (field.default ?? field.min);
      const small = field.max - field.min <= 100;
      return (
        <div className="field" title={field.help}>
          <label htmlFor={id}>
            {field.label} <span className="value">{current}</span>
          </label>
          <input
            id={id}
            type={small ? 'range' : 'number'}
            min={field.min}
            max={field.max}
            step={step}
            value={current}
            aria-invalid={invalid}
            aria-valuetext={`${current} (${field.min}–${field.max})`}
            onChange={(e) => setParam(field.name, Number(e.target.value))}
          />
          <span className="hint">
            {field.min}–{field.max} · {field.help}
          </span>
        </div>
      );
    }
  }
}

export function ModelFields({ spec, invalidField }: { spec: ModelSpec; invalidField: string | null }) {
  return (
    <>
      {formFields(spec).map((field) => (
        <FieldControl key={`${spec.id}-${field.name}`} field={field} invalid={invalidField === field.name} />
      ))}
    </>
  );
}
