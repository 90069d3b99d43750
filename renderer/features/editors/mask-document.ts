/**
 * The mask being painted, as the list of steps that made it: undo and redo replay the steps onto a
 * blank mask, so history costs a few numbers per stroke instead of an image-sized copy per step.
 * Pure.
 */
import { clearMask, createMask, drawStroke, invertMask, type MaskBuffer, type Stroke } from './mask-raster';
import { emptyStack, pushStep, redoStep, undoStep, type UndoStack } from './undo-stack';

export type MaskStep =
  | { kind: 'stroke'; stroke: Stroke }
  | { kind: 'invert' }
  | { kind: 'clear' }
  /** The image's own transparency as the mask (coverage per pixel, already computed). */
  | { kind: 'replace'; coverage: Uint8ClampedArray };

export interface MaskDocument {
  mask: MaskBuffer;
  history: UndoStack<MaskStep>;
}

export function newDocument(width: number, height: number): MaskDocument {
  return { mask: createMask(width, height), history: emptyStack() };
}

export function applyStep(mask: MaskBuffer, step: MaskStep): void {
  switch (step.kind) {
    case 'stroke':
      drawStroke(mask, step.stroke);
      return;
    case 'invert':
      invertMask(mask);
      return;
    case 'clear':
      clearMask(mask);
      return;
    case 'replace':
      mask.data.set(step.coverage);
      return;
  }
}

function replay(width: number, height: number, history: UndoStack<MaskStep>): MaskDocument {
  const mask = createMask(width, height);
  // Only steps after the last clear or replace matter: they wipe what came before.
  let start = 0;
  history.done.forEach((step, i) => {
    if (step.kind === 'clear' || step.kind === 'replace') start = i;
  });
  for (const step of history.done.slice(start)) applyStep(mask, step);
  return { mask, history };
}

/** Records a step the mask already shows (a stroke drawn live) or applies it now. */
export function commitStep(doc: MaskDocument, step: MaskStep, alreadyApplied = false): MaskDocument {
  if (!alreadyApplied) applyStep(doc.mask, step);
  return { mask: doc.mask, history: pushStep(doc.history, step) };
}

export function undo(doc: MaskDocument): MaskDocument {
  if (doc.history.done.length === 0) return doc;
  return replay(doc.mask.width, doc.mask.height, undoStep(doc.history));
}

export function redo(doc: MaskDocument): MaskDocument {
  const next = doc.history.undone.at(-1);
  if (!next) return doc;
  applyStep(doc.mask, next);
  return { mask: doc.mask, history: redoStep(doc.history) };
}

/** The mask as its history makes it: drops a stroke drawn live but never recorded. */
export function rebuild(doc: MaskDocument): MaskDocument {
  return replay(doc.mask.width, doc.mask.height, doc.history);
}

export function isEmpty(mask: MaskBuffer): boolean {
  return !mask.data.some((v) => v > 0);
}
