/**
 * Which editor is open over the composer's image. A store rather than component state so the
 * detail view can open an editor on a library image too.
 */
import { create } from 'zustand';

export type EditorKind = 'mask' | 'expand';

interface EditorState {
  open: EditorKind | null;
  setOpen(kind: EditorKind | null): void;
}

export const useEditorStore = create<EditorState>()((set) => ({
  open: null,
  setOpen: (open) => set({ open }),
}));
