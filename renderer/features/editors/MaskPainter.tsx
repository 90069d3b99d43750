/**
 * The mask painter for Fill: the image at its true aspect with the mask as a translucent overlay,
 * painted with a brush or eraser (mouse, pen with pressure, touch), zoom and pan, undo/redo. The
 * mask itself is an image-sized buffer (`mask-raster.ts`); this file only turns pointer events into
 * strokes in image pixels and shows the result.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { commitStep, isEmpty, newDocument, redo, undo, type MaskDocument, type MaskStep } from './mask-document';
import {
  createMask,
  fullRect,
  hasTransparency,
  maskFromAlpha,
  paintOverlay,
  pressureRadius,
  stampDab,
  strokeSegment,
  type Rect,
  type Stroke,
  type StrokePoint,
} from './mask-raster';
import { maskToPngBase64, readImagePixels } from './png-encode';
import { undoRedoKey, useEditorKeys } from './use-editor-keys';
import { localPoint, useViewportSize } from './use-viewport';
import { actualSizeView, fitView, panBy, screenToImage, zoomAt, type View } from './view-transform';

const OVERLAY = { r: 255, g: 64, b: 96, opacity: 0.55 };
const MIN_SIZE = 1;
const MAX_SIZE = 1024;

interface MaskPainterProps {
  imageUrl: string;
  imageName: string;
  onCancel(): void;
  /** The finished mask as PNG (base64), exactly the image's size. */
  onApply(pngBase64: string): Promise<void>;
}

type Tool = 'brush' | 'eraser' | 'pan';

interface Drag {
  pointerId: number;
  kind: 'paint' | 'pan';
  last: { x: number; y: number };
  stroke: Stroke | null;
}

export function MaskPainter({ imageUrl, imageName, onCancel, onApply }: MaskPainterProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const doc = useRef<MaskDocument | null>(null);
  const overlay = useRef<ImageData | null>(null);
  const alpha = useRef<Uint8ClampedArray | null>(null);
  const drag = useRef<Drag | null>(null);
  const size = useViewportSize(viewport);
  const [image, setImage] = useState<{ width: number; height: number } | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [tool, setTool] = useState<Tool>('brush');
  const [brushSize, setBrushSize] = useState(48);
  const [hardness, setHardness] = useState(0.8);
  const [history, setHistory] = useState({ undo: 0, redo: 0, empty: true });
  const [canUseAlpha, setCanUseAlpha] = useState(false);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const redraw = useCallback((rect: Rect) => {
    const d = doc.current;
    const data = overlay.current;
    const ctx = canvas.current?.getContext('2d');
    if (!d || !data || !ctx || rect.width === 0 || rect.height === 0) return;
    paintOverlay(d.mask, data.data, rect, OVERLAY);
    ctx.putImageData(data, 0, 0, rect.x, rect.y, rect.width, rect.height);
  }, []);

  const settle = useCallback(
    (next: MaskDocument, changed: Rect | 'all') => {
      doc.current = next;
      redraw(changed === 'all' ? fullRect(next.mask) : changed);
      setHistory({ undo: next.history.done.length, redo: next.history.undone.length, empty: isEmpty(next.mask) });
    },
    [redraw],
  );

  const onImageLoad = (img: HTMLImageElement) => {
    const width = img.naturalWidth;
    const height = img.naturalHeight;
    doc.current = newDocument(width, height);
    overlay.current = new ImageData(width, height);
    setImage({ width, height });
    setBrushSize(Math.max(4, Math.round(Math.min(width, height) / 16)));
    void readImagePixels(imageUrl).then((pixels) => {
      if (pixels && pixels.length === width * height * 4 && hasTransparency(pixels)) {
        alpha.current = pixels;
        setCanUseAlpha(true);
      }
    });
  };

  useEffect(() => {
    if (image && size && !view) setView(fitView(image.width, image.height, size.width, size.height));
  }, [image, size, view]);

  const step = (s: MaskStep) => {
    if (doc.current) settle(commitStep(doc.current, s), 'all');
  };
  const doUndo = () => {
    if (doc.current) settle(undo(doc.current), 'all');
  };
  const doRedo = () => {
    if (doc.current) settle(redo(doc.current), 'all');
  };
  const useAlpha = () => {
    const d = doc.current;
    if (!d || !alpha.current) return;
    const fromAlpha = createMask(d.mask.width, d.mask.height);
    maskFromAlpha(fromAlpha, alpha.current);
    step({ kind: 'replace', coverage: fromAlpha.data });
  };
  const fit = () => {
    if (image && size) setView(fitView(image.width, image.height, size.width, size.height));
  };
  const actual = () => {
    if (image && size) setView(actualSizeView(image.width, image.height, size.width, size.height));
  };
  const resize = (factor: number) =>
    setBrushSize((s) => Math.min(MAX_SIZE, Math.max(MIN_SIZE, Math.round(factor > 1 ? s * factor + 1 : s * factor))));

  useEditorKeys((event) => {
    const target = event.target;
    const typing = target instanceof HTMLInputElement && target.type === 'number';
    const undoRedo = undoRedoKey(event);
    if (undoRedo) {
      if (undoRedo === 'undo') doUndo();
      else doRedo();
      return true;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return false;
    switch (event.key) {
      case 'Escape':
        onCancel();
        return true;
      case '[':
        resize(1 / 1.25);
        return true;
      case ']':
        resize(1.25);
        return true;
      case 'b':
      case 'B':
        setTool('brush');
        return true;
      case 'e':
      case 'E':
        setTool('eraser');
        return true;
      case 'x':
      case 'X':
        step({ kind: 'invert' });
        return true;
      case ' ':
        setSpaceHeld(true);
        return true;
      default:
        return false;
    }
  });
  useEffect(() => {
    const up = (event: KeyboardEvent) => event.key === ' ' && setSpaceHeld(false);
    window.addEventListener('keyup', up);
    return () => window.removeEventListener('keyup', up);
  }, []);

  const pointAt = (sample: { clientX: number; clientY: number; pressure: number; pointerType: string }) => {
    if (!view || !viewport.current) return null;
    const p = screenToImage(view, localPoint(viewport.current, sample));
    // Only a pen reports real pressure; a mouse button reads 0.5 and must not halve the brush.
    const pressure = sample.pointerType === 'pen' && sample.pressure > 0 ? sample.pressure : 1;
    return { x: p.x, y: p.y, pressure } satisfies StrokePoint;
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const d = doc.current;
    if (!d || !viewport.current || drag.current) return;
    const panning = tool === 'pan' || spaceHeld || event.button === 1;
    if (event.button !== 0 && event.button !== 1) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const last = localPoint(viewport.current, event);
    if (panning) {
      drag.current = { pointerId: event.pointerId, kind: 'pan', last, stroke: null };
      return;
    }
    const point = pointAt(event);
    if (!point) return;
    const stroke: Stroke = {
      brush: { mode: tool === 'eraser' ? 'erase' : 'paint', radius: brushSize / 2, hardness },
      points: [point],
    };
    drag.current = { pointerId: event.pointerId, kind: 'paint', last, stroke };
    redraw(stampDab(d.mask, point.x, point.y, pressureRadius(stroke.brush.radius, point.pressure), stroke.brush));
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!viewport.current) return;
    const here = localPoint(viewport.current, event);
    setCursor(here);
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    if (current.kind === 'pan') {
      setView((v) => v && panBy(v, here.x - current.last.x, here.y - current.last.y));
      current.last = here;
      return;
    }
    const d = doc.current;
    const stroke = current.stroke;
    if (!d || !stroke) return;
    // Pens and fast mice deliver several samples per frame; use them all for a smooth stroke.
    const samples =
      typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
    const events = samples.length > 0 ? samples : [event.nativeEvent];
    for (const sample of events) {
      const point = pointAt(sample);
      const previous = stroke.points.at(-1);
      if (!point || !previous) continue;
      stroke.points.push(point);
      redraw(strokeSegment(d.mask, previous, point, stroke.brush));
    }
    current.last = here;
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = null;
    if (current.kind === 'paint' && current.stroke && doc.current) {
      settle(commitStep(doc.current, { kind: 'stroke', stroke: current.stroke }, true), {
        x: 0,
        y: 0,
        width: 0,
        height: 0,
      });
    }
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (!viewport.current || !view) return;
    const anchor = localPoint(viewport.current, event);
    setView(zoomAt(view, Math.exp(-event.deltaY / 400), anchor));
  };

  const apply = async () => {
    const d = doc.current;
    if (!d) return;
    setBusy(true);
    setError(null);
    try {
      await onApply(await maskToPngBase64(d.mask));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  const cursorSize = view ? brushSize * view.scale : 0;
  const panning = tool === 'pan' || spaceHeld;

  return (
    <div className="editor-backdrop">
      <div className="editor" role="dialog" aria-modal="true" aria-labelledby="mask-painter-title">
        <header className="editor-bar">
          <h2 id="mask-painter-title">Paint mask · {imageName}</h2>
          <span className="hint">White (painted) is repainted by Fill; the rest is kept.</span>
        </header>
        <div className="editor-tools" role="toolbar" aria-label="Mask tools">
          <div className="chips" role="radiogroup" aria-label="Tool">
            {(['brush', 'eraser', 'pan'] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="radio"
                aria-checked={tool === t}
                className={tool === t ? 'chip on' : 'chip'}
                onClick={() => setTool(t)}
              >
                {t === 'brush' ? 'Brush (B)' : t === 'eraser' ? 'Eraser (E)' : 'Pan (Space)'}
              </button>
            ))}
          </div>
          <label className="inline">
            <span>Size</span>
            <input
              type="range"
              aria-label="Brush size"
              min={MIN_SIZE}
              max={MAX_SIZE}
              value={brushSize}
              onChange={(e) => setBrushSize(Number(e.target.value))}
            />
            <span className="value">{brushSize} px</span>
          </label>
          <label className="inline">
            <span>Hardness</span>
            <input
              type="range"
              aria-label="Brush hardness"
              min={0}
              max={100}
              value={Math.round(hardness * 100)}
              onChange={(e) => setHardness(Number(e.target.value) / 100)}
            />
            <span className="value">{Math.round(hardness * 100)} %</span>
          </label>
          <button type="button" onClick={doUndo} disabled={history.undo === 0} title="Ctrl/⌘+Z">
            Undo
          </button>
          <button type="button" onClick={doRedo} disabled={history.redo === 0} title="Shift+Ctrl/⌘+Z">
            Redo
          </button>
          <button type="button" onClick={() => step({ kind: 'invert' })} title="X">
            Invert
          </button>
          <button type="button" onClick={() => step({ kind: 'clear' })} disabled={history.empty}>
            Clear
          </button>
          <button
            type="button"
            onClick={useAlpha}
            disabled={!canUseAlpha}
            title={canUseAlpha ? 'Repaint where the image is transparent' : 'This image has no transparency'}
          >
            Use transparency
          </button>
          <span className="spacer" />
          <button type="button" onClick={fit}>
            Fit
          </button>
          <button type="button" onClick={actual}>
            100 %
          </button>
          <span className="value" aria-label="Zoom">
            {view ? `${Math.round(view.scale * 100)} %` : ''}
          </span>
        </div>
        <div
          ref={viewport}
          className={panning ? 'editor-viewport panning' : 'editor-viewport'}
          data-testid="mask-viewport"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onPointerLeave={() => setCursor(null)}
          onWheel={onWheel}
        >
          <div
            className="editor-stage"
            style={
              view && image
                ? {
                    width: image.width,
                    height: image.height,
                    transform: `translate(${view.offsetX}px, ${view.offsetY}px) scale(${view.scale})`,
                  }
                : { visibility: 'hidden' }
            }
          >
            <img src={imageUrl} alt={imageName} draggable={false} onLoad={(e) => onImageLoad(e.currentTarget)} />
            {image && <canvas ref={canvas} width={image.width} height={image.height} aria-label="Mask overlay" />}
          </div>
          {cursor && !panning && (
            <div
              className="brush-cursor"
              aria-hidden="true"
              style={{
                left: cursor.x - cursorSize / 2,
                top: cursor.y - cursorSize / 2,
                width: cursorSize,
                height: cursorSize,
              }}
            />
          )}
        </div>
        <footer className="editor-bar">
          <span className="hint">
            {image ? `Mask ${image.width}×${image.height} px` : 'Loading the image…'} · [ ] size · Ctrl/⌘+Z undo
          </span>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
          <span className="spacer" />
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!image || busy} onClick={() => void apply()}>
            Use mask
          </button>
        </footer>
      </div>
    </div>
  );
}
