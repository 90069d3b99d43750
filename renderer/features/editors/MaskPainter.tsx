/**
 * The mask painter for Fill: the image at its true aspect with the mask as a translucent overlay,
 * painted with a brush or eraser (mouse, pen with pressure, touch), zoom and pan, undo/redo. The
 * mask itself is an image-sized buffer (`mask-raster.ts`), strokes come from `use-mask-pointer.ts`;
 * this file holds the document and shows it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  commitStep,
  isEmpty,
  newDocument,
  rebuild,
  redo,
  undo,
  type MaskDocument,
  type MaskStep,
} from './mask-document';
import { createMask, fullRect, hasTransparency, maskFromAlpha, paintOverlay, type Rect } from './mask-raster';
import { MaskToolbar, MAX_SIZE, MIN_SIZE, type AlphaState, type Tool } from './MaskToolbar';
import { maskToPngBase64, readImageAlpha } from './png-encode';
import { undoRedoKey, useEditorKeys } from './use-editor-keys';
import { useViewportSize } from '../../ui/use-viewport';
import { useMaskPointer } from './use-mask-pointer';
import { actualSizeView, fitView, type View } from '../../ui/view-transform';

const OVERLAY = { r: 255, g: 64, b: 96, opacity: 0.55 };
const EMPTY_RECT: Rect = { x: 0, y: 0, width: 0, height: 0 };

interface MaskPainterProps {
  imageUrl: string;
  /** The stored reference image's hash, for its transparency. */
  imageHash: string;
  imageName: string;
  onCancel(): void;
  /** The finished mask as PNG (base64), exactly the image's size. */
  onApply(pngBase64: string): Promise<void>;
}

export function MaskPainter({ imageUrl, imageHash, imageName, onCancel, onApply }: MaskPainterProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const doc = useRef<MaskDocument | null>(null);
  const overlay = useRef<ImageData | null>(null);
  const alpha = useRef<Uint8ClampedArray | null>(null);
  const size = useViewportSize(viewport);
  const [image, setImage] = useState<{ width: number; height: number } | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [tool, setTool] = useState<Tool>('brush');
  const [brushSize, setBrushSize] = useState(48);
  const [hardness, setHardness] = useState(0.8);
  const [history, setHistory] = useState({ undo: 0, redo: 0, empty: true });
  const [alphaState, setAlphaState] = useState<AlphaState>('checking');
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
    void readImageAlpha(imageHash).then((pixels) => {
      if (!pixels || pixels.length !== width * height * 4) setAlphaState('unreadable');
      else if (!hasTransparency(pixels)) setAlphaState('none');
      else {
        alpha.current = pixels;
        setAlphaState('ready');
      }
    });
  };

  // Until the person zooms or pans, the image follows the window's size.
  const [autoFit, setAutoFit] = useState(true);
  useEffect(() => {
    if (image && size && autoFit) setView(fitView(image.width, image.height, size.width, size.height));
  }, [image, size, autoFit]);

  const step = (s: MaskStep) => {
    if (doc.current) settle(commitStep(doc.current, s), 'all');
  };
  const doUndo = () => {
    if (doc.current) settle(undo(doc.current), 'all');
  };
  const doRedo = () => {
    if (doc.current) settle(redo(doc.current), 'all');
  };
  const applyAlpha = () => {
    const d = doc.current;
    if (!d || !alpha.current) return;
    const fromAlpha = createMask(d.mask.width, d.mask.height);
    maskFromAlpha(fromAlpha, alpha.current);
    step({ kind: 'replace', coverage: fromAlpha.data });
  };
  const fit = () => setAutoFit(true);
  const actual = () => {
    if (!image || !size) return;
    setAutoFit(false);
    setView(actualSizeView(image.width, image.height, size.width, size.height));
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

  const pointer = useMaskPointer({
    viewport,
    view,
    setView,
    doc,
    brush: { mode: tool === 'eraser' ? 'erase' : 'paint', radius: brushSize / 2, hardness },
    panning: tool === 'pan' || spaceHeld,
    redraw,
    commit: (stroke) => {
      if (doc.current) settle(commitStep(doc.current, { kind: 'stroke', stroke }, true), EMPTY_RECT);
    },
    discardLive: () => {
      if (doc.current) settle(rebuild(doc.current), 'all');
    },
    onViewTouched: () => setAutoFit(false),
    setCursor,
  });

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
        <MaskToolbar
          tool={tool}
          onTool={setTool}
          brushSize={brushSize}
          onBrushSize={setBrushSize}
          hardness={hardness}
          onHardness={setHardness}
          history={history}
          onUndo={doUndo}
          onRedo={doRedo}
          onStep={step}
          alpha={alphaState}
          onUseAlpha={applyAlpha}
          zoom={view?.scale ?? null}
          onFit={fit}
          onActual={actual}
        />
        <div
          ref={viewport}
          className={panning ? 'editor-viewport panning' : 'editor-viewport'}
          data-testid="mask-viewport"
          onPointerDown={pointer.onPointerDown}
          onPointerMove={pointer.onPointerMove}
          onPointerUp={pointer.onPointerUp}
          onPointerCancel={pointer.onPointerUp}
          onPointerLeave={() => setCursor(null)}
          onWheel={pointer.onWheel}
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
          <button
            type="button"
            className="primary"
            disabled={!image || busy || history.empty}
            title={history.empty ? 'Paint where Fill should change the image first' : undefined}
            onClick={() => void apply()}
          >
            Use mask
          </button>
        </footer>
      </div>
    </div>
  );
}
