/** The mask painter's toolbar: tool, brush size and hardness, history, whole-mask steps, zoom. */
import type { MaskStep } from './mask-document';

export type Tool = 'brush' | 'eraser' | 'pan';
/** Whether the image's own transparency can become the mask. */
export type AlphaState = 'checking' | 'ready' | 'none' | 'unreadable';

export const MIN_SIZE = 1;
export const MAX_SIZE = 1024;

const ALPHA_TITLES: Record<AlphaState, string> = {
  checking: 'Reading the image…',
  ready: 'Repaint where the image is transparent',
  none: 'This image has no transparency',
  unreadable: 'This window cannot read the image’s pixels',
};

interface MaskToolbarProps {
  tool: Tool;
  onTool(tool: Tool): void;
  brushSize: number;
  onBrushSize(size: number): void;
  hardness: number;
  onHardness(hardness: number): void;
  history: { undo: number; redo: number; empty: boolean };
  onUndo(): void;
  onRedo(): void;
  onStep(step: MaskStep): void;
  alpha: AlphaState;
  onUseAlpha(): void;
  /** The current zoom (1 = 100 %), or null before the image is shown. */
  zoom: number | null;
  onFit(): void;
  onActual(): void;
}

export function MaskToolbar({
  tool,
  onTool,
  brushSize,
  onBrushSize,
  hardness,
  onHardness,
  history,
  onUndo,
  onRedo,
  onStep,
  alpha,
  onUseAlpha,
  zoom,
  onFit,
  onActual,
}: MaskToolbarProps) {
  return (
    <div className="editor-tools" role="toolbar" aria-label="Mask tools">
      <div className="chips" role="radiogroup" aria-label="Tool">
        {(['brush', 'eraser', 'pan'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="radio"
            aria-checked={tool === t}
            className={tool === t ? 'chip on' : 'chip'}
            onClick={() => onTool(t)}
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
          onChange={(e) => onBrushSize(Number(e.target.value))}
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
          onChange={(e) => onHardness(Number(e.target.value) / 100)}
        />
        <span className="value">{Math.round(hardness * 100)} %</span>
      </label>
      <button type="button" onClick={onUndo} disabled={history.undo === 0} title="Ctrl/⌘+Z">
        Undo
      </button>
      <button type="button" onClick={onRedo} disabled={history.redo === 0} title="Shift+Ctrl/⌘+Z">
        Redo
      </button>
      <button type="button" onClick={() => onStep({ kind: 'invert' })} title="X">
        Invert
      </button>
      <button type="button" onClick={() => onStep({ kind: 'clear' })} disabled={history.empty}>
        Clear
      </button>
      <button type="button" onClick={onUseAlpha} disabled={alpha !== 'ready'} title={ALPHA_TITLES[alpha]}>
        Use transparency
      </button>
      <span className="spacer" />
      <button type="button" onClick={onFit}>
        Fit
      </button>
      <button type="button" onClick={onActual}>
        100 %
      </button>
      <span className="value" aria-label="Zoom">
        {zoom === null ? '' : `${Math.round(zoom * 100)} %`}
      </span>
    </div>
  );
}
