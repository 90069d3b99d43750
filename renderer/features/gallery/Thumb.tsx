/**
 * One thumbnail in the grid, at its true aspect ratio. Its alt text is the full prompt, so search
 * and screen readers agree; hover or keyboard focus shows prompt, model and seed; a rating or
 * favourite change shows a brief badge so the keyboard gives feedback.
 */
import { memo, useEffect, useRef, useState, type MouseEvent } from 'react';
import { getModel } from '../../../shared/models';
import type { GalleryItem } from '../../../shared/types';
import { sourceToolLabel } from '../../../shared/source-tools';
import { GENERATION_DRAG_TYPE } from '../../ui/read-image-file';
import { useThumbnailReleased } from './thumb-hold';

interface ThumbProps {
  gen: GalleryItem;
  selected: boolean;
  focused: boolean;
  width: number;
  height: number;
  onClick(gen: GalleryItem, event: MouseEvent): void;
  onOpen(gen: GalleryItem): void;
  selectedIds: () => string[];
}

/** The badge text for a rating/favourite change, shown briefly; null on first render. */
function useChangeBadge(gen: GalleryItem): string | null {
  const previous = useRef({ rating: gen.rating, favorite: gen.favorite });
  const [badge, setBadge] = useState<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = { rating: gen.rating, favorite: gen.favorite };
    let text: string | null = null;
    // Words, not the ★/♥ glyphs of the permanent badges, so the two never read as one.
    if (before.favorite !== gen.favorite) text = gen.favorite ? 'Favourited' : 'Unfavourited';
    else if (before.rating !== gen.rating) text = gen.rating === 0 ? 'Rating cleared' : `Rated ${gen.rating}`;
    if (!text) return;
    setBadge(text);
    const timer = setTimeout(() => setBadge(null), 1200);
    return () => clearTimeout(timer);
  }, [gen.rating, gen.favorite]);
  return badge;
}

export const Thumb = memo(function Thumb({
  gen,
  selected,
  focused,
  width,
  height,
  onClick,
  onOpen,
  selectedIds,
}: ThumbProps) {
  const badge = useChangeBadge(gen);
  // Held back while a search is typed: this grid may be replaced before its images are worth asking for.
  const released = useThumbnailReleased();
  return (
    <div
      className={`thumb${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ width, height }}
      role="gridcell"
      aria-selected={selected}
      data-id={gen.id}
      draggable
      onDragStart={(e) => {
        const ids = selected ? selectedIds() : [gen.id];
        e.dataTransfer.setData(GENERATION_DRAG_TYPE, ids.join(','));
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onClick={(e) => onClick(gen, e)}
      onDoubleClick={() => onOpen(gen)}
    >
      <img
        src={released ? gen.thumbUrl : undefined}
        alt={gen.prompt}
        loading="lazy"
        decoding="async"
        draggable={false}
      />
      <div className="thumb-badges" aria-hidden="true">
        {gen.favorite && <span className="fav">♥</span>}
        {gen.rating > 0 && <span className="stars">{'★'.repeat(gen.rating)}</span>}
        {gen.missing && <span className="warn">missing</span>}
        {gen.source && <span className="source-badge">{sourceToolLabel(gen.source.tool)}</span>}
      </div>
      <div className="thumb-caption" aria-hidden="true">
        <span className="thumb-caption-prompt">{gen.prompt}</span>
        <span className="thumb-caption-meta">
          {getModel(gen.model)?.label ?? gen.model}
          {gen.seed !== null ? ` · seed ${gen.seed}` : ''}
        </span>
      </div>
      {badge && (
        <span className="thumb-flash" role="status">
          {badge}
        </span>
      )}
    </div>
  );
});
