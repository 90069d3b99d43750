/** Parameter rows across several images, each marked when the images disagree on it. */
import type { Generation } from '../../../shared/types';
import { paramRows } from '../../ui/param-rows';

export interface DiffRow {
  name: string;
  values: string[];
  differs: boolean;
}

export function diffParams(gens: Generation[]): DiffRow[] {
  const tables = gens.map((g) => new Map(paramRows(g).filter(([name]) => name !== 'Created')));
  const names: string[] = ['Prompt'];
  for (const table of tables) for (const name of table.keys()) if (!names.includes(name)) names.push(name);
  return names.map((name) => {
    const values = gens.map((g, i) => (name === 'Prompt' ? g.prompt : (tables[i]?.get(name) ?? '—')));
    return { name, values, differs: new Set(values).size > 1 };
  });
}
