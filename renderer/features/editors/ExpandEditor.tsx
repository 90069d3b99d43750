/**
 * The expand editor: the image on the larger canvas it will become, a handle on each side to pull
 * a border out (whole pixels), ratio presets, and the resulting size live. It edits the composer's
 * own top/bottom/left/right, so the fields and the picture can never disagree; Cancel puts the
 * values it started with back.
 */
import { useRef, useState, type PointerEvent } from 'react';
import { useComposerStore } from '../../state/composer-store';
import { ExpandBorderFields, useBorderSetter } from '../../ui/ExpandBorderFields';
import {
  borderAfterDrag,
  bordersForRatio,
  bordersFromParams,
  EXPAND_PRESETS,
  expandedSize,
  SIDES,
  type BorderLimits,
  type Borders,
  type Side,
} from '../../../shared/models/expand-math';
import { useEditorKeys } from './use-editor-keys';
import { useViewportSize } from '../../ui/use-viewport';
import { fitView, type View } from '../../ui/view-transform';

interface ExpandEditorProps {
  imageUrl: string;
  imageName: string;
  limits: BorderLimits;
  onClose(): void;
}

interface HandleDrag {
  side: Side;
  pointerId: number;
  startX: number;
  startY: number;
  start: number;
  /** The zoom at the start, kept for the whole drag so the handle stays under the pointer. */
  view: View;
}

export function ExpandEditor({ imageUrl, imageName, limits, onClose }: ExpandEditorProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const size = useViewportSize(viewport);
  const params = useComposerStore((s) => s.params);
  const setParam = useComposerStore((s) => s.setParam);
  const [initial] = useState<Borders>(() => bordersFromParams(useComposerStore.getState().params));
  const [image, setImage] = useState<{ width: number; height: number } | null>(null);
  const [drag, setDrag] = useState<HandleDrag | null>(null);
  const [presetNote, setPresetNote] = useState<string | null>(null);
  const setter = useBorderSetter(limits);
  const borders = bordersFromParams(params);
  const result = image ? expandedSize(image.width, image.height, borders) : null;

  const cancel = () => {
    for (const side of SIDES) setParam(side, initial[side]);
    onClose();
  };
  useEditorKeys((event) => {
    if (event.key === 'Escape') {
      cancel();
      return true;
    }
    return false;
  });

  // While a handle is held the zoom stays put; otherwise the whole expanded canvas fits.
  const view: View | null =
    drag?.view ?? (result && size ? fitView(result.width, result.height, size.width, size.height, 40) : null);

  const preset = (ratio: string) => {
    if (!image) return;
    const r = bordersForRatio(image.width, image.height, ratio, limits);
    for (const side of SIDES) setParam(side, r.borders[side]);
    setter.clearNotes();
    setPresetNote(r.reached ? null : `${ratio} needs more than ${limits.max} px per side; borders stop there`);
  };

  const startDrag = (side: Side, event: PointerEvent<HTMLDivElement>) => {
    if (!view) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({
      side,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      start: borders[side],
      view,
    });
  };
  const moveDrag = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag || drag.pointerId !== event.pointerId) return;
    const value = borderAfterDrag(
      drag.side,
      drag.start,
      event.clientX - drag.startX,
      event.clientY - drag.startY,
      drag.view.scale,
      limits,
    );
    setParam(drag.side, value);
  };
  const endDrag = (event: PointerEvent<HTMLDivElement>) => {
    if (drag?.pointerId === event.pointerId) setDrag(null);
  };

  const canvasBox =
    view && result
      ? { left: view.offsetX, top: view.offsetY, width: result.width * view.scale, height: result.height * view.scale }
      : null;
  const imageBox =
    view && image && canvasBox
      ? {
          left: canvasBox.left + borders.left * view.scale,
          top: canvasBox.top + borders.top * view.scale,
          width: image.width * view.scale,
          height: image.height * view.scale,
        }
      : null;
  const handleStyle = (side: Side) => {
    if (!canvasBox) return {};
    const midX = canvasBox.left + canvasBox.width / 2;
    const midY = canvasBox.top + canvasBox.height / 2;
    switch (side) {
      case 'top':
        return { left: midX, top: canvasBox.top };
      case 'bottom':
        return { left: midX, top: canvasBox.top + canvasBox.height };
      case 'left':
        return { left: canvasBox.left, top: midY };
      case 'right':
        return { left: canvasBox.left + canvasBox.width, top: midY };
    }
  };

  return (
    <div className="editor-backdrop">
      <div className="editor" role="dialog" aria-modal="true" aria-labelledby="expand-editor-title">
        <header className="editor-bar">
          <h2 id="expand-editor-title">Expand · {imageName}</h2>
          <span className="hint">Pull a side out, or pick a ratio; the new area is painted by Expand.</span>
        </header>
        <div className="editor-tools" role="toolbar" aria-label="Expand presets">
          <span className="label">Make it</span>
          <div className="chips" role="group" aria-label="Target ratio">
            {EXPAND_PRESETS.map((ratio) => (
              <button key={ratio} type="button" className="chip" onClick={() => preset(ratio)}>
                {ratio}
              </button>
            ))}
          </div>
          <button
            type="button"
            onClick={() => {
              for (const side of SIDES) setParam(side, 0);
              setter.clearNotes();
              setPresetNote(null);
            }}
          >
            Reset
          </button>
          {presetNote && (
            <span className="hint adjusted" role="status">
              {presetNote}
            </span>
          )}
          <span className="spacer" />
          <span className="value" data-testid="expand-size">
            {result && image
              ? `${image.width}×${image.height} → ${result.width}×${result.height} px · ${result.megapixels.toFixed(2)} MP`
              : 'Loading the image…'}
          </span>
        </div>
        <div className="editor-split">
          <div
            ref={viewport}
            className="editor-viewport expand-viewport"
            onPointerMove={moveDrag}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
          >
            {canvasBox && <div className="expand-canvas" style={canvasBox} aria-hidden="true" />}
            <img
              src={imageUrl}
              alt={imageName}
              draggable={false}
              className="expand-image"
              style={imageBox ?? { visibility: 'hidden' }}
              onLoad={(e) => setImage({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
            />
            {canvasBox &&
              SIDES.map((side) => (
                <div
                  key={side}
                  className={`expand-handle ${side}`}
                  role="slider"
                  tabIndex={0}
                  aria-label={`Drag the ${side} border`}
                  aria-valuemin={0}
                  aria-valuemax={limits.max}
                  aria-valuenow={borders[side]}
                  style={handleStyle(side)}
                  onPointerDown={(e) => startDrag(side, e)}
                  onPointerMove={moveDrag}
                  onPointerUp={endDrag}
                  onKeyDown={(e) => {
                    const delta = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1 }[e.key];
                    if (delta === undefined) return;
                    e.preventDefault();
                    setter.set(side, borders[side] + delta * (e.shiftKey ? 64 : 8));
                  }}
                />
              ))}
          </div>
          <aside className="editor-side">
            <span className="label">Borders (px, 0–{limits.max})</span>
            <ExpandBorderFields limits={limits} setter={setter} />
          </aside>
        </div>
        <footer className="editor-bar">
          <span className="spacer" />
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        </footer>
      </div>
    </div>
  );
}
