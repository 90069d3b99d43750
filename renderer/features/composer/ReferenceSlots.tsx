/**
 * Reference-image slots, as many as the model takes (up to 8): drop files from the desktop, drag a
 * thumbnail from the gallery, or paste from the clipboard. Each slot shows its size; what the
 * model cannot take is refused with the reason.
 */
import { useRef, type ClipboardEvent, type DragEvent } from 'react';
import type { ModelSpec } from '../../../shared/models';
import { useComposerStore } from '../../state/composer-store';
import { formatBytes } from '../../ui/format';
import { GENERATION_DRAG_TYPE, readImageFile } from '../../ui/read-image-file';

export function useReferenceIntake() {
  const uploadInput = useComposerStore((s) => s.uploadInput);
  const setSlotMessage = useComposerStore((s) => s.setSlotMessage);
  return async (files: { blob: Blob; name: string }[]) => {
    for (const { blob, name } of files) {
      const read = await readImageFile(blob, name);
      if (read.ok) await uploadInput(read.name, read.dataBase64);
      else setSlotMessage(read.reason);
    }
  };
}

export interface ReferenceSlotsProps {
  spec: ModelSpec;
  /** Why the mask cannot go with its image (both sizes named), from the shared rule; null when fine. */
  maskProblem: string | null;
  /** The core refused the images (`field: 'inputs'` or `'mask'`). */
  invalid: boolean;
}

export function ReferenceSlots({ spec, maskProblem, invalid }: ReferenceSlotsProps) {
  const inputs = useComposerStore((s) => s.inputs);
  const uploading = useComposerStore((s) => s.uploading);
  const message = useComposerStore((s) => s.slotMessage);
  const removeInput = useComposerStore((s) => s.removeInput);
  const intake = useReferenceIntake();
  const fileInput = useRef<HTMLInputElement>(null);
  if (spec.images.max === 0) return null;

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const id = event.dataTransfer.getData(GENERATION_DRAG_TYPE);
    if (id) {
      const addLibraryInput = useComposerStore.getState().addLibraryInput;
      for (const one of id.split(',')) await addLibraryInput(one, `${one}`);
      return;
    }
    await intake([...event.dataTransfer.files].map((f) => ({ blob: f, name: f.name })));
  };
  const onPaste = (event: ClipboardEvent) => {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    void intake(files.map((f) => ({ blob: f, name: f.name || 'pasted image' })));
  };
  const free = spec.images.max - inputs.length - uploading;

  return (
    <div className="field">
      <span className="label">
        {spec.images.min > 0 ? 'Images' : 'Reference images'}{' '}
        <span className="value">
          {inputs.length}/{spec.images.max}
        </span>
      </span>
      <div
        className={inputs.length + uploading === 0 ? 'slots none' : 'slots'}
        tabIndex={0}
        role="group"
        aria-label="Reference image slots (drop, paste or choose files)"
        aria-invalid={maskProblem !== null || invalid ? true : undefined}
        aria-describedby={maskProblem ? 'mask-size-problem' : undefined}
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
        }}
        onDrop={(e) => void onDrop(e)}
        onPaste={onPaste}
      >
        {inputs.map((slot, i) => (
          <figure key={`${slot.hash}-${i}`} className="slot filled">
            {slot.url ? (
              <img src={slot.url} alt={`${spec.images.labels[i] ?? `Reference ${i + 1}`}: ${slot.name}`} />
            ) : (
              <div className="missing">?</div>
            )}
            <figcaption>
              <span>{spec.images.labels[i] ?? `Reference ${i + 1}`}</span>
              <span className="hint">
                {slot.width && slot.height ? `${slot.width}×${slot.height}` : 'size unknown'}
                {slot.bytes ? ` · ${formatBytes(slot.bytes)}` : ''}
              </span>
            </figcaption>
            <button
              type="button"
              className="remove"
              aria-label={`Remove ${spec.images.labels[i] ?? `reference ${i + 1}`}`}
              onClick={() => removeInput(i)}
            >
              ×
            </button>
          </figure>
        ))}
        {Array.from({ length: Math.max(0, uploading) }, (_, i) => (
          <div key={`up-${i}`} className="slot uploading" aria-busy="true">
            Uploading…
          </div>
        ))}
        {free > 0 && (
          <button type="button" className="slot empty" onClick={() => fileInput.current?.click()}>
            <span className="plus">+</span>
            <span className="hint">{spec.images.labels[inputs.length] ?? 'Add'}</span>
          </button>
        )}
      </div>
      <input
        ref={fileInput}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        hidden
        aria-label="Choose reference images"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void intake(files.map((f) => ({ blob: f, name: f.name })));
        }}
      />
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      {maskProblem && (
        <p id="mask-size-problem" className="field-error" role="alert">
          {maskProblem.charAt(0).toUpperCase() + maskProblem.slice(1)}. Repaint it over this image (Repaint mask…).
        </p>
      )}
    </div>
  );
}
