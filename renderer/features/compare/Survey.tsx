/**
 * A survey of 2–4 images (Lightroom's Survey): each as large as the space allows, with its key
 * parameters (model, seed, size, whatever differs between them, the prompt's changed words).
 * Click an image to mark it; × takes it out of the survey (two always stay).
 */
import { useRef } from 'react';
import { useViewportSize } from '../../ui/use-viewport';
import type { Lettered } from './lettered';
import { PromptDiff } from './PromptDiff';
import { diffParams } from './param-diff';
import { cellSize, containedSize, surveyGrid } from './survey-grid';
import type { DiffPart } from './word-diff';

/** Room under each image for its letter, parameters and two lines of prompt. */
const CAPTION_HEIGHT = 96;
const GAP = 10;
/** A cell's padding and border, both sides together. */
const CELL_INSET = 12;
const ALWAYS_SHOWN = ['Model', 'Seed', 'Size'];

interface SurveyProps {
  shown: Lettered[];
  prompts: DiffPart[][];
  marked: ReadonlySet<string>;
  onToggleMark(id: string): void;
  onRemove(id: string): void;
}

export function Survey({ shown, prompts, marked, onToggleMark, onRemove }: SurveyProps) {
  const box = useRef<HTMLDivElement>(null);
  const size = useViewportSize(box);
  const first = shown[0]?.gen;
  const aspect = first?.width && first.height ? first.width / first.height : 1;
  const grid = size ? surveyGrid(shown.length, size, aspect, GAP, CAPTION_HEIGHT + CELL_INSET) : null;
  const cell = size && grid ? cellSize(grid, size, GAP, CAPTION_HEIGHT + CELL_INSET) : null;
  // Each image drawn at its own size, so its letter and mark sit on its corner and its caption right under it.
  const imageBox = (entry: Lettered) => {
    const { width, height } = entry.gen;
    if (!cell) return undefined;
    const image = containedSize(width && height ? width / height : aspect, {
      width: cell.width - CELL_INSET,
      height: cell.height,
    });
    return { width: Math.floor(image.width), height: Math.floor(image.height) };
  };
  // Key parameters: the ones every image has a say in, plus each one on which they disagree.
  const rows = diffParams(shown.map((s) => s.gen)).filter(
    (row) => row.name !== 'Prompt' && (ALWAYS_SHOWN.includes(row.name) || row.differs),
  );

  return (
    <div className="compare-survey-wrap">
      {/* The space the survey may fill; the grid itself is only as tall as its rows. */}
      <div ref={box} className="compare-survey-room" aria-hidden="true" />
      <div
        className="compare-survey"
        role="list"
        aria-label="Survey"
        style={{ gridTemplateColumns: `repeat(${grid?.columns ?? shown.length}, minmax(0, 1fr))`, gap: GAP }}
      >
        {shown.map((entry, i) => {
          const isMarked = marked.has(entry.gen.id);
          return (
            <figure
              key={entry.gen.id}
              role="listitem"
              aria-label={`Image ${entry.letter}`}
              className={isMarked ? 'survey-cell marked' : 'survey-cell'}
            >
              <div className="survey-frame" style={imageBox(entry)}>
                <button
                  type="button"
                  className="survey-image"
                  aria-pressed={isMarked}
                  aria-label={`Mark ${entry.letter}`}
                  onClick={() => onToggleMark(entry.gen.id)}
                >
                  <img src={entry.gen.imageUrl} alt={`Image ${entry.letter}`} draggable={false} />
                  <span className="ab-label on-image left">{entry.letter}</span>
                  {isMarked && (
                    <span className="survey-mark" aria-hidden="true">
                      ✓
                    </span>
                  )}
                </button>
                <button
                  type="button"
                  className="survey-remove"
                  aria-label={`Remove ${entry.letter} from the survey`}
                  title={shown.length <= 2 ? 'Compare needs two images' : `Remove ${entry.letter}`}
                  disabled={shown.length <= 2}
                  onClick={() => onRemove(entry.gen.id)}
                >
                  ×
                </button>
              </div>
              <figcaption>
                <dl className="survey-params">
                  {rows.map((row) => (
                    <div key={row.name} className={row.differs ? 'differs' : undefined}>
                      <dt>{row.name}</dt>
                      <dd>{row.values[i]}</dd>
                    </div>
                  ))}
                </dl>
                <p className="survey-prompt" title={entry.gen.prompt}>
                  <PromptDiff parts={prompts[i] ?? []} first={i === 0} />
                </p>
              </figcaption>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
