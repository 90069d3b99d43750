/** Actions on the selection: favourite, tag, move, compare, export, delete (or restore in the Trash). */
import { lazy, Suspense, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLibraryStore } from '../../state/library-store';
import { MAX_COMPARED, useViewStore } from '../../state/view-store';
import { favorite, move, restore, tag, trash } from '../../state/library-actions';
import { TagSuggestions } from '../../ui/TagSuggestions';

// Its own chunk: the dialog brings the export options' schemas (zod), which the first paint of
// the gallery must not parse (docs/performance.md, "First gallery paint").
const ExportDialog = lazy(() => import('./ExportDialog').then((m) => ({ default: m.ExportDialog })));

export function BulkBar() {
  const selected = useLibraryStore((s) => s.selected);
  const projects = useLibraryStore((s) => s.projects);
  const inTrash = useLibraryStore((s) => Boolean(s.filter.trashed));
  const clearSelection = useLibraryStore((s) => s.clearSelection);
  const openCompare = useViewStore((s) => s.openCompare);
  const [tagText, setTagText] = useState('');
  const [exporting, setExporting] = useState(false);
  if (selected.size === 0) return null;
  const ids = [...selected];

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selection">
      <strong>{ids.length} selected</strong>
      {inTrash ? (
        <button type="button" onClick={() => void restore(ids)}>
          Restore
        </button>
      ) : (
        <>
          <button type="button" onClick={() => void favorite(ids, true)}>
            ♥ Favourite
          </button>
          <button type="button" onClick={() => void favorite(ids, false)}>
            Unfavourite
          </button>
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (tagText.trim()) void tag(ids, [tagText.trim()]);
              setTagText('');
            }}
          >
            <TagSuggestions id="bulk-tag-suggestions" />
            <input
              aria-label="Tag to add"
              list="bulk-tag-suggestions"
              placeholder="tag"
              value={tagText}
              onChange={(e) => setTagText(e.target.value)}
            />
            <button type="submit">Add tag</button>
          </form>
          <select
            aria-label="Move to project"
            value=""
            onChange={(e) => {
              if (e.target.value) void move(ids, e.target.value === '__unsorted' ? null : e.target.value);
            }}
          >
            <option value="">Move to…</option>
            <option value="__unsorted">Unsorted</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {ids.length >= 2 && (
            <button type="button" onClick={() => openCompare(ids)}>
              {ids.length > MAX_COMPARED ? `Compare first ${MAX_COMPARED}` : 'Compare'}
            </button>
          )}
          <button type="button" onClick={() => setExporting(true)}>
            Export…
          </button>
          {/* On the body: the bar overlays the grid, and a fixed dialog inside it would be placed by it. */}
          {exporting &&
            createPortal(
              <Suspense fallback={null}>
                <ExportDialog ids={ids} onClose={() => setExporting(false)} />
              </Suspense>,
              document.body,
            )}
          <button type="button" className="danger" onClick={() => void trash(ids)}>
            Delete
          </button>
        </>
      )}
      <button type="button" className="ghost" onClick={clearSelection}>
        Clear selection
      </button>
    </div>
  );
}
