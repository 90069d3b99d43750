import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryPage } from '../../../shared/api';
import type { InputImage } from '../../../shared/types';
import { createDispatcher } from '../contract/dispatch';
import { createLibraryHandlers } from './library-handlers';
import { addImages, makeImageBytes, openTestLibrary, type TestLibrary } from './library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

function dispatch() {
  return createDispatcher(createLibraryHandlers(t.library, t.ctx));
}

describe('library channels through the dispatcher', () => {
  it('lists with contract defaults and answers the reveal path', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 2)) as [string];
    const answer = (await dispatch()('library:list', {})) as { result: LibraryPage };
    expect(answer.result.total).toBe(2);
    const reveal = (await dispatch()('library:reveal', { id })) as { result: { path: string } };
    expect(reveal.result.path.startsWith(t.home)).toBe(true);
  });

  it('stores a reference image from base64 and refuses garbage', async () => {
    t = await openTestLibrary();
    const bytes = await makeImageBytes('webp');
    const ok = (await dispatch()('inputs:add', {
      name: 'ref.webp',
      dataBase64: Buffer.from(bytes).toString('base64'),
    })) as {
      result: InputImage;
    };
    expect(ok.result.format).toBe('webp');
    const bad = await dispatch()('inputs:add', { name: 'x', dataBase64: '###' });
    expect(bad).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('uses a library image as a reference, stored once by the hash of its file', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const first = (await dispatch()('inputs:fromLibrary', { id })) as { result: InputImage };
    const again = (await dispatch()('inputs:fromLibrary', { id })) as { result: InputImage };
    expect(first.result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again.result.hash).toBe(first.result.hash);
    expect(await dispatch()('inputs:fromLibrary', { id: 'no-such-image' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('reads the record of a dropped file, or null for a plain image', async () => {
    t = await openTestLibrary();
    const plain = Buffer.from(await makeImageBytes()).toString('base64');
    expect(await dispatch()('library:inspectFile', { dataBase64: plain })).toEqual({ result: { record: null } });
  });

  it('answers a duplicate project name with a clear INVALID_INPUT', async () => {
    t = await openTestLibrary();
    await dispatch()('projects:create', { name: 'Moss' });
    expect(await dispatch()('projects:create', { name: 'MOSS' })).toMatchObject({
      error: { code: 'INVALID_INPUT', message: 'A project named "Moss" already exists' },
    });
  });

  it('cancelling an unknown task says so', async () => {
    t = await openTestLibrary();
    expect(await dispatch()('library:cancelTask', { taskId: 'nope' })).toEqual({ result: { cancelled: false } });
  });
});
