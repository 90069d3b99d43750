/**
 * Every parameter of the compared images, one column each under its A/B label, rows that differ
 * marked and the prompts diffed word by word. Fixed column widths: a long value wraps instead of
 * stretching its column across a wide screen.
 */
import type { CSSProperties } from 'react';
import type { Lettered } from './lettered';
import { PromptDiff } from './PromptDiff';
import { diffParams } from './param-diff';
import type { DiffPart } from './word-diff';

export function ParamTable({ shown, prompts }: { shown: Lettered[]; prompts: DiffPart[][] }) {
  const rows = diffParams(shown.map((s) => s.gen));
  return (
    <table className="params diff" style={{ '--columns': shown.length } as CSSProperties}>
      <colgroup>
        <col className="name-col" />
        {shown.map((s) => (
          <col key={s.gen.id} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          {shown.map((s) => (
            <th key={s.gen.id} scope="col">
              <span className="ab-label">{s.letter}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} className={row.differs ? 'differs' : undefined} data-differs={row.differs}>
            <th scope="row">{row.name}</th>
            {row.values.map((v, i) =>
              row.name === 'Prompt' ? (
                <td key={i} className="prompt-cell">
                  <PromptDiff parts={prompts[i] ?? []} first={i === 0} />
                </td>
              ) : (
                <td key={i}>{v}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
