/** Every parameter of an image, as a table. */
import type { Generation } from '../../../shared/types';
import { paramRows } from '../../ui/param-rows';

export function ParamTable({ gen }: { gen: Generation }) {
  return (
    <table className="params">
      <tbody>
        {paramRows(gen).map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
