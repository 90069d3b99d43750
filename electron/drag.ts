/**
 * Dragging a gallery image out of the window into another app (a file manager, an editor, a chat)
 * hands over the real file, via `webContents.startDrag`. Only files the page could be shown may be
 * dragged: the row's path goes through the core's served-files rule (links followed, the real
 * path checked against the served folders) before Electron sees it.
 * The contract's `'shell:startDrag'` channel is answered by `createDragHandler` below.
 */
import path from 'node:path';
import type { NativeImage, WebContents } from 'electron';
import { SeedbankError } from '../shared/errors';
import type { Generation } from '../shared/types';
import {
  libraryServedFolders,
  resolveServedRelativePath,
  teamServedPath,
  type TeamServedRoot,
  type WatchedRoot,
} from './core/served-files/served-files';

/** The drag image; macOS refuses a drag with an empty icon, so the caller always passes one. */
export function startImageDrag(
  contents: Pick<WebContents, 'startDrag'>,
  absPath: string,
  icon: NativeImage | string,
): void {
  contents.startDrag({ file: absPath, icon });
}

export interface NativeImageFactory {
  createFromPath(path: string): NativeImage;
  createFromDataURL(dataUrl: string): NativeImage;
}

/** A 32×32 picture icon: the last resort when neither the thumbnail nor the image can be decoded. */
export const FALLBACK_DRAG_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAMAAABEpIrGAAAAilBMVEVMaXHHytHHy9HIzNHHy9LHy9PIzNHHy9HHy9LIzNHHzNHJzdHIy9HHy9HIzNHIzNHHzNHIzNI6P0eBhYyGipE+Q0q6vcRDSFDEyM66vsR7gIaytrxARU13fIN8gYhESVGFipCUmZ+Gi5K5vcS6v8VTWF/Dx85DSVB8gIdzeH/EyM+Tl57FytBbYGib2q37AAAAEXRSTlMAToE99EC//b3yvj7zfHrA8dkwcKwAAAAJcEhZcwAACxMAAAsTAQCanBgAAADKSURBVDjLvdPXEoIwEAVQECQ0y7KhF3vX//89EwMyahJeHO7TzuxhCMyNYYySqWODJLZviv2MgCqT1/MkK9JIkrTOSMDAAopIkQZ8BkJIVWAFHgMAkTIAPYi3eUJjDaD81FQDcg72GpBwsBt6xVp3SJroDzn4mX8BSPUA9T+K798CN9UPQFER2s7l4QtgVyLazsfLB8C+ZtjNt0oAjxUGpY0sH7BkwIEaFZ29g8uACdn5JC1ccyUWr/VEWXsyFxcjcEPZ2nOtcS7uEz46NaeODjdxAAAAAElFTkSuQmCC';

/**
 * A small drag image from the first file nativeImage can decode (it reads PNG and JPEG everywhere,
 * not WebP on every OS, so a WebP thumbnail may be skipped in favour of the image itself).
 */
export function dragIconFor(nativeImage: NativeImageFactory, candidates: readonly string[], size = 96): NativeImage {
  for (const file of candidates) {
    const image = nativeImage.createFromPath(file);
    if (!image.isEmpty()) return image.resize({ width: size, quality: 'good' });
  }
  return nativeImage.createFromDataURL(FALLBACK_DRAG_ICON);
}

export interface DragHandlerDeps {
  home: string;
  /** The watched folders now: their images may be dragged out too. */
  watched?: () => readonly WatchedRoot[];
  /** The team library in use: `library:get` then answers its images, whose files are on the share. */
  team?: () => TeamServedRoot | null;
  getGeneration: (id: string) => Promise<Generation>;
  getContents: () => Pick<WebContents, 'startDrag'> | null;
  nativeImage: NativeImageFactory;
}

/** The handler for the `shell:startDrag` channel. */
export function createDragHandler(deps: DragHandlerDeps): (payload: { id: string }) => Promise<{ started: boolean }> {
  return async ({ id }) => {
    const generation = await deps.getGeneration(id);
    const team = deps.team?.() ?? null;
    const answer = await resolveServedRelativePath(
      libraryServedFolders(deps.home, deps.watched?.() ?? [], team),
      team ? teamServedPath(team.libraryId, generation.file) : generation.file,
    );
    if (generation.missing || answer.status !== 200) {
      throw new SeedbankError('NOT_FOUND', 'The image file is not in the library folder any more');
    }
    const file = answer.file;
    const contents = deps.getContents();
    if (!contents) return { started: false };
    const thumb = path.join(team ? team.thumbs : path.join(deps.home, 'thumbs'), `${generation.id}.webp`);
    startImageDrag(contents, file, dragIconFor(deps.nativeImage, [thumb, file]));
    return { started: true };
  };
}
