import fs from 'node:fs';
import path from 'node:path';
import type { NativeImage } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../test/support/temp';
import type { Generation } from '../shared/types';
import { FALLBACK_DRAG_ICON, createDragHandler, dragIconFor, startImageDrag, type NativeImageFactory } from './drag';

let home: string;
let outside: string;

beforeAll(() => {
  const tmp = fs.realpathSync(makeTempDir('seedbank-drag-'));
  home = path.join(tmp, 'home');
  outside = path.join(tmp, 'outside.jpg');
  fs.mkdirSync(path.join(home, 'images', '2026-11'), { recursive: true });
  fs.writeFileSync(path.join(home, 'images', '2026-11', 'g1.jpg'), 'jpeg');
  fs.mkdirSync(path.join(home, 'trash', 'images', '2026-11'), { recursive: true });
  fs.writeFileSync(path.join(home, 'trash', 'images', '2026-11', 'g2.jpg'), 'trashed jpeg');
  fs.writeFileSync(path.join(home, 'library.db'), 'db');
  fs.writeFileSync(outside, 'elsewhere');
  fs.symlinkSync(outside, path.join(home, 'images', 'escape.jpg'));
});

/** Stand-in images: a path decodes when it is in `decodable`; resize records the size. */
function fakeImages(decodable: string[]) {
  const made: { source: string; resized?: number }[] = [];
  const image = (source: string, empty: boolean): NativeImage =>
    ({
      isEmpty: () => empty,
      resize: ({ width }: { width?: number }) => {
        made.push({ source, resized: width ?? 0 });
        return image(source, false);
      },
    }) as unknown as NativeImage;
  const factory: NativeImageFactory = {
    createFromPath: (p) => image(p, !decodable.includes(p)),
    createFromDataURL: (url) => {
      made.push({ source: url });
      return image(url, false);
    },
  };
  return { factory, made };
}

function generation(file: string, missing = false): Generation {
  return { id: 'g1', file, missing } as Generation;
}

describe('image drag-out', () => {
  it('starts a drag of the file with the given icon', () => {
    const startDrag = vi.fn();
    startImageDrag({ startDrag }, '/h/images/a.jpg', '/h/icon.png');
    expect(startDrag).toHaveBeenCalledWith({ file: '/h/images/a.jpg', icon: '/h/icon.png' });
  });

  it('uses the first decodable candidate for the icon, else the built-in one', () => {
    const a = fakeImages(['/img.jpg']);
    dragIconFor(a.factory, ['/thumb.webp', '/img.jpg']);
    expect(a.made).toEqual([{ source: '/img.jpg', resized: 96 }]);
    const b = fakeImages([]);
    dragIconFor(b.factory, ['/thumb.webp']);
    expect(b.made).toEqual([{ source: FALLBACK_DRAG_ICON }]);
  });

  it('only files the library serves are draggable, trash included', async () => {
    const startDrag = vi.fn();
    const handler = createDragHandler({
      home,
      // Each request's id is the stored path of its record here, so one handler tries every path.
      getGeneration: async (storedPath) => generation(storedPath),
      getContents: () => ({ startDrag }),
      nativeImage: fakeImages([]).factory,
    });
    expect(await handler({ id: 'trash/images/2026-11/g2.jpg' })).toEqual({ started: true });
    for (const file of ['library.db', 'images/escape.jpg', 'images/../library.db', 'images/none.jpg', outside]) {
      await expect(handler({ id: file }), file).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(startDrag).toHaveBeenCalledTimes(1);
  });

  it('the handler drags a library image and refuses one whose record points outside', async () => {
    const startDrag = vi.fn();
    const images = fakeImages([]);
    const records: Record<string, Generation> = {
      g1: generation('images/2026-11/g1.jpg'),
      bad: generation('../outside.jpg'),
      gone: generation('images/2026-11/g1.jpg', true),
    };
    const handler = createDragHandler({
      home,
      getGeneration: async (id) => records[id] ?? Promise.reject(new Error('no')),
      getContents: () => ({ startDrag }),
      nativeImage: images.factory,
    });
    expect(await handler({ id: 'g1' })).toEqual({ started: true });
    expect(startDrag).toHaveBeenCalledWith(
      expect.objectContaining({ file: path.join(home, 'images', '2026-11', 'g1.jpg') }),
    );
    await expect(handler({ id: 'bad' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(handler({ id: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(startDrag).toHaveBeenCalledTimes(1);
  });

  it('in a team library, drags the image from the shared folder with this workstation’s cached thumbnail as icon', async () => {
    const tmp = fs.realpathSync(makeTempDir('seedbank-drag-team-'));
    const id = '01kb2m3n4p5q6r7s8t9v0w1x2y';
    const team = {
      libraryId: '3f0c7c1e-8d2a-4b6e-9a51-2c7d0e4f5a6b',
      folder: path.join(tmp, 'share'),
      thumbs: path.join(home, 'team', 'thumbs'),
    };
    fs.mkdirSync(path.join(team.folder, 'images', '2026-11'), { recursive: true });
    fs.writeFileSync(path.join(team.folder, 'images', '2026-11', `${id}.jpg`), 'team jpeg');
    fs.writeFileSync(path.join(team.folder, 'seedbank-library-id'), team.libraryId);
    const startDrag = vi.fn();
    const thumb = path.join(team.thumbs, `${id}.webp`);
    const images = fakeImages([thumb]);
    const handler = createDragHandler({
      home,
      team: () => team,
      getGeneration: async (file) => ({ id, file, missing: false }) as Generation,
      getContents: () => ({ startDrag }),
      nativeImage: images.factory,
    });
    expect(await handler({ id: `images/2026-11/${id}.jpg` })).toEqual({ started: true });
    expect(startDrag).toHaveBeenCalledWith(
      expect.objectContaining({ file: path.join(team.folder, 'images', '2026-11', `${id}.jpg`) }),
    );
    expect(images.made).toEqual([{ source: thumb, resized: 96 }]);
    await expect(handler({ id: 'seedbank-library-id' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(handler({ id: 'images/2026-11/g1.jpg' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
