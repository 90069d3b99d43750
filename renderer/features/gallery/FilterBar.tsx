/**
 * Filters over the grid: model, favourites and the sort and the source tool stay in view, each select as wide as its
 * chosen text (a second row on a narrow gallery rather than a cut label, gallery.css);
 * rating, tags (all of / any of), dates and references sit in a "More filters" popover (its button says how many are
 * set), and the "Edits of one image" chip while that filter is on; the thumbnail size slider and the count sit at the end when there is room.
 */
import { MODELS } from '../../../shared/models';
import { SOURCE_TOOLS } from '../../../shared/source-tools';
import { useLibraryStore, type LibrarySort } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { TagFilter } from './TagFilter';

function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined;
}
const toDateInput = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString('sv-SE') : '');

export function FilterBar() {
  const filter = useLibraryStore((s) => s.filter);
  const sort = useLibraryStore((s) => s.sort);
  const total = useLibraryStore((s) => s.total);
  const setFilter = useLibraryStore((s) => s.setFilter);
  const setSort = useLibraryStore((s) => s.setSort);
  const thumbSize = useViewStore((s) => s.thumbSize);
  const setThumbSize = useViewStore((s) => s.setThumbSize);
  const moreSet = [filter.minRating, filter.tag, filter.tags, filter.from, filter.to, filter.hasReferences].filter(
    (v) => v !== undefined,
  ).length;

  return (
    <div className="filter-bar" role="toolbar" aria-label="Filters">
      <select
        aria-label="Filter by model"
        value={filter.model ?? ''}
        onChange={(e) => setFilter({ model: e.target.value || undefined })}
      >
        <option value="">All models</option>
        {MODELS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by the tool it was made with"
        value={filter.source ?? ''}
        onChange={(e) => setFilter({ source: e.target.value || undefined })}
      >
        <option value="">Made with anything</option>
        {SOURCE_TOOLS.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={filter.favorite ? 'chip on' : 'chip'}
        aria-pressed={Boolean(filter.favorite)}
        onClick={() => setFilter({ favorite: filter.favorite ? undefined : true })}
      >
        ♥ Favourites
      </button>
      {filter.editsOf && (
        <button type="button" className="chip on" onClick={() => setFilter({ editsOf: undefined })}>
          Edits of one image ×
        </button>
      )}
      <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as LibrarySort)}>
        <option value="newest">Newest first</option>
        <option value="oldest">Oldest first</option>
        <option value="rating">Best rated</option>
      </select>
      <details className="more-filters">
        <summary>More filters{moreSet > 0 ? ` (${moreSet})` : ''}</summary>
        <div className="more-filters-panel">
          <select
            aria-label="Minimum rating"
            value={filter.minRating ?? 0}
            onChange={(e) => setFilter({ minRating: Number(e.target.value) || undefined })}
          >
            <option value={0}>Any rating</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {'★'.repeat(n)}+
              </option>
            ))}
          </select>
          <label className="inline">
            <span>From</span>
            <input
              type="date"
              aria-label="From date"
              value={toDateInput(filter.from)}
              onChange={(e) => setFilter({ from: dayStart(e.target.value) })}
            />
          </label>
          <label className="inline">
            <span>To</span>
            <input
              type="date"
              aria-label="To date"
              value={toDateInput(filter.to)}
              onChange={(e) => setFilter({ to: dayEnd(e.target.value) })}
            />
          </label>
          <select
            aria-label="Reference images"
            value={filter.hasReferences === undefined ? '' : String(filter.hasReferences)}
            onChange={(e) =>
              setFilter({ hasReferences: e.target.value === '' ? undefined : e.target.value === 'true' })
            }
          >
            <option value="">Any references</option>
            <option value="true">Uses references</option>
            <option value="false">No references</option>
          </select>
          <TagFilter />
        </div>
      </details>
      <label className="inline thumb-size">
        <span className="sr-only">Thumbnail size</span>
        <input
          type="range"
          min={100}
          max={360}
          step={20}
          value={thumbSize}
          aria-label="Thumbnail size"
          onChange={(e) => setThumbSize(Number(e.target.value))}
        />
      </label>
      <span className="hint count" aria-live="polite">
        {total === null ? '' : `${total.toLocaleString()} image${total === 1 ? '' : 's'}`}
      </span>
    </div>
  );
}
