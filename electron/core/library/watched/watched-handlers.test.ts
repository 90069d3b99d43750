import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchedFolder } from '../../../../shared/types';
import { openTestLibrary, tempHome, type TestLibrary } from '../../../../test/support/library-test-kit';
import { createDispatcher } from '../../contract/dispatch';
import { typedFolderAccess } from '../../folder-access';
import { createWatchedHandlers } from './watched-handlers';

let t: TestLibrary;
afterEach(async () => t?.close());

/** As the browser host answers: typed folders under home or temp only, never in the app data. */
function dispatch() {
  const folders = typedFolderAccess({ roots: [os.homedir(), os.tmpdir()], appData: t.home });
  return createDispatcher(createWatchedHandlers(t.library, folders));
}

describe('watched:* channels through the dispatcher', () => {
  it('adds a typed folder under temp, lists it and removes it', async () => {
    t = await openTestLibrary();
    const folder = tempHome('seedbank-watched-channel-');
    const added = (await dispatch()('watched:add', { folder })) as { result: WatchedFolder };
    expect(added.result).toMatchObject({ images: 0 });
    expect(await dispatch()('watched:list', {})).toEqual({ result: [added.result] });
    expect(await dispatch()('watched:remove', { id: added.result.id })).toEqual({ result: { removed: 0 } });
    expect(await dispatch()('watched:list', {})).toEqual({ result: [] });
  });

  it('refuses folders a page may not name, and unknown fields, naming the field; nothing is added', async () => {
    t = await openTestLibrary();
    for (const folder of ['relative/path', '/etc', t.home, '']) {
      expect(await dispatch()('watched:add', { folder }), folder).toMatchObject({
        error: { code: 'INVALID_INPUT', field: 'folder' },
      });
    }
    expect(
      await dispatch()('watched:add', { folder: tempHome('seedbank-watched-channel-'), copy: true }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await dispatch()('watched:remove', { id: 'nope' })).toMatchObject({
      error: { code: 'NOT_FOUND', field: 'id' },
    });
    expect(await dispatch()('watched:list', {})).toEqual({ result: [] });
  });
});
