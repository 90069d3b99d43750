/** The detail view's way into the editors: edit in words (or continue a chain), paint a mask, expand. */
import type { Generation } from '../../../shared/types';
import { editImage, openInEditor } from '../../state/edit-actions';

export function EditorActions({ gen, isEdit }: { gen: Generation; isEdit: boolean }) {
  return (
    <>
      <button type="button" onClick={() => void editImage(gen, isEdit)} title="Change this image in words">
        {isEdit ? 'Continue from this' : 'Edit…'}
      </button>
      <button type="button" onClick={() => void openInEditor(gen, 'mask')} title="Repaint part of it (Fill)">
        Paint mask…
      </button>
      <button type="button" onClick={() => void openInEditor(gen, 'expand')} title="Pull out its borders (Expand)">
        Expand…
      </button>
    </>
  );
}
