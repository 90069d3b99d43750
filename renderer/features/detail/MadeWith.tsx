/** For an image imported from another tool: which tool, its settings and its original parameters text. */
import type { SourceDetails } from '../../../shared/types';
import { sourceToolLabel } from '../../../shared/source-tools';

export function MadeWith({ source }: { source: SourceDetails }) {
  const settings = Object.entries(source.parameters ?? {});
  return (
    <section className="made-with" aria-label="Made with another tool">
      <p>
        <span className="source-badge">{sourceToolLabel(source.tool)}</span>
        {source.fileName && <> imported from {source.fileName}</>}
        {source.hasWorkflow && <> · its ComfyUI workflow is kept in the file</>}
      </p>
      {settings.length > 0 && (
        <table className="params">
          <tbody>
            {settings.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {source.original && (
        <details>
          <summary>Original parameters text</summary>
          <pre className="original-parameters">{source.original}</pre>
        </details>
      )}
    </section>
  );
}
