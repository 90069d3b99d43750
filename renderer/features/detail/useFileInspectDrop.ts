/**
 * Any image file dropped on the window (outside the reference slots, which take drops themselves)
 * is read for an embedded Seedbank record, shown with the offer to reuse its parameters.
 */
import { useEffect } from 'react';
import { seedbank } from '../../platform/seedbank';
import { useViewStore } from '../../state/view-store';
import { describeError, errorInfoOf } from '../../ui/error-text';
import { bytesToBase64 } from '../../ui/read-image-file';

export function useFileInspectDrop(): void {
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      void (async () => {
        try {
          const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
          const { record } = await seedbank().library.inspectFile({ dataBase64 });
          useViewStore.getState().showInspected({ record, fileName: file.name });
        } catch (err) {
          const info = errorInfoOf(err);
          useViewStore.getState().showToast(describeError(info).title, info);
        }
      })();
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
