/** Two images on top of each other with a slider between them. */
import { useState } from 'react';
import type { Generation } from '../../../shared/types';

export function CompareSlider({ left, right }: { left: Generation; right: Generation }) {
  const [position, setPosition] = useState(50);
  return (
    <div className="compare-slider">
      <div className="compare-stage">
        <img src={right.imageUrl} alt="Image B" />
        <img
          src={left.imageUrl}
          alt="Image A"
          className="compare-top"
          style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
        />
        <div className="compare-handle" style={{ left: `${position}%` }} aria-hidden="true" />
      </div>
      <input
        type="range"
        min={0}
        max={100}
        value={position}
        aria-label="Slider position (A left, B right)"
        onChange={(e) => setPosition(Number(e.target.value))}
      />
    </div>
  );
}
