/** One thumbnail in the grid. Its alt text is the full prompt, so search and screen readers agree. */
import { memo, type MouseEvent } from 'react';
import type { Generation } from '../../../shared/types';
import { sourceToolLabel } from '../../../shared/source-tools';
import { GENERATION_DRAG_TYPE } from '../../ui/read-image-file';

interface ThumbProps {
  gen: Generation;
  selected: boolean;
  focused: boolean;
  size: number;
  onClick(gen: Generation, event: MouseEvent): void;
  onOpen(gen: Generation): void;
  selectedIds: () => string[];
}

export const Thumb = memo(function Thumb({ gen, selected, focused, size, onClick, onOpen, selectedIds }: ThumbProps) {
  return (
    <div
      className={`thumb${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ width: size, height: size }}
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
      <img src={gen.thumbUrl} alt={gen.prompt} loading="lazy" decoding="async" draggable={false} />
      <div className="thumb-badges" aria-hidden="true">
        {gen.favorite && <span className="fav">♥</span>}
        {gen.rating > 0 && <span className="stars">{'★'.repeat(gen.rating)}</span>}
        {gen.missing && <span className="warn">missing</span>}
        {gen.source && <span className="source-badge">{sourceToolLabel(gen.source.tool)}</span>}
      </div>
    </div>
  );
});
