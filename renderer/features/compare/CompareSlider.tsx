/**
 * Two images on top of each other, A left of the divider and B right of it. Press or drag anywhere
 * on the image to move the divider there; the divider itself is a slider (←/→, Shift for bigger
 * steps, Home/End) so it works from the keyboard and says where it is.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { percentAfterKey, percentAt } from './divider';
import type { Lettered } from './lettered';

export function CompareSlider({ a, b }: { a: Lettered; b: Lettered }) {
  const [percent, setPercent] = useState(50);
  const [aspect, setAspect] = useState(a.gen.width && a.gen.height ? a.gen.width / a.gen.height : 1);
  const stage = useRef<HTMLDivElement>(null);
  const divider = useRef<HTMLDivElement>(null);
  const dragging = useRef<number | null>(null);

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    if (stage.current) setPercent(percentAt(event.clientX, stage.current.getBoundingClientRect()));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    // No native image drag or text selection; the divider takes focus so the arrows go on from here.
    event.preventDefault();
    divider.current?.focus();
    try {
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // The pointer is already gone: the press alone still moved the divider.
    }
    dragging.current = event.pointerId;
    moveTo(event);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current === event.pointerId) moveTo(event);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current === event.pointerId) dragging.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = percentAfterKey(event.key, event.shiftKey, percent);
    if (next === null) return;
    event.preventDefault();
    setPercent(next);
  };

  return (
    <div className="compare-slider">
      <div
        ref={stage}
        className="compare-stage"
        data-testid="compare-stage"
        style={{ aspectRatio: String(aspect), width: `min(100%, calc(var(--compare-stage-height) * ${aspect}))` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <img src={b.gen.imageUrl} alt={`Image ${b.letter}`} draggable={false} />
        <img
          src={a.gen.imageUrl}
          alt={`Image ${a.letter}`}
          draggable={false}
          className="compare-top"
          style={{ clipPath: `inset(0 ${100 - percent}% 0 0)` }}
          onLoad={(e) => {
            const img = e.currentTarget;
            if (img.naturalWidth && img.naturalHeight) setAspect(img.naturalWidth / img.naturalHeight);
          }}
        />
        <span className="ab-label on-image left">{a.letter}</span>
        <span className="ab-label on-image right">{b.letter}</span>
        <div
          ref={divider}
          className="compare-divider"
          style={{ left: `${percent}%` }}
          role="slider"
          tabIndex={0}
          aria-label={`Divider: ${a.letter} left, ${b.letter} right`}
          aria-orientation="horizontal"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${Math.round(percent)} % ${a.letter}, ${Math.round(100 - percent)} % ${b.letter}`}
          onKeyDown={onKeyDown}
        >
          <span className="compare-grip" aria-hidden="true">
            ◀▶
          </span>
        </div>
      </div>
      <p className="hint">Drag on the image, or focus the divider and use ← →</p>
    </div>
  );
}
