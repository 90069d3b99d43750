/** Every parameter of an image under readable names: the detail view's table and the compare view's diff. */
import { getModel } from '../../shared/models';
import type { Generation } from '../../shared/types';

export function paramRows(gen: Generation): [string, string][] {
  const rows: [string, string][] = [
    ['Model', getModel(gen.model)?.label ?? gen.model],
    ['Seed', gen.seed === null ? '—' : String(gen.seed)],
    ['Size', gen.width && gen.height ? `${gen.width} × ${gen.height}` : '—'],
    ['Format', gen.format.toUpperCase()],
  ];
  const labels = new Map(getModel(gen.model)?.fields.map((f) => [f.name, f.label]) ?? []);
  for (const [key, value] of Object.entries(gen.params)) {
    if (['seed', 'width', 'height', 'output_format'].includes(key)) continue;
    rows.push([labels.get(key) ?? key, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  rows.push(['Cost', gen.cost === null ? '—' : `${gen.cost} credits`]);
  rows.push(['Created', new Date(gen.createdAt).toLocaleString()]);
  rows.push(['References', String(gen.inputs.length)]);
  return rows;
}
