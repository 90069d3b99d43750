import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from './core/contract/dispatch';
import { createShellHandlers, osTrash, withRevealInFolder } from './shell-handlers';

function deps() {
  return {
    shell: { openExternal: vi.fn(async () => {}), showItemInFolder: vi.fn(), trashItem: vi.fn(async () => {}) },
    clipboard: { writeText: vi.fn() },
  };
}

describe('shell handlers', () => {
  it('opens https links in the OS browser', async () => {
    const d = deps();
    const dispatch = createDispatcher(createShellHandlers(d));
    expect(await dispatch('shell:openExternal', { url: 'https://bfl.ai/pricing' })).toEqual({
      result: { opened: true },
    });
    expect(d.shell.openExternal).toHaveBeenCalledWith('https://bfl.ai/pricing');
  });

  it.each(['http://bfl.ai', 'file:///etc/passwd', 'javascript:alert(1)', 'seedbank-asset://library/images/x.jpg'])(
    'refuses %s before the shell sees it',
    async (url) => {
      const d = deps();
      const answer = await createDispatcher(createShellHandlers(d))('shell:openExternal', { url });
      expect(answer).toMatchObject({ error: { code: 'INVALID_INPUT' } });
      expect(d.shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('refuses a non-https link even when called directly, past the contract', async () => {
    const d = deps();
    await expect(createShellHandlers(d)['shell:openExternal']({ url: 'http://example.com' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(d.shell.openExternal).not.toHaveBeenCalled();
  });

  it('copies text through the main-process clipboard', async () => {
    const d = deps();
    expect(await createDispatcher(createShellHandlers(d))('shell:copyText', { text: 'seed 42' })).toEqual({
      result: { copied: true },
    });
    expect(d.clipboard.writeText).toHaveBeenCalledWith('seed 42');
  });

  it('reveals the file the core located, made absolute', async () => {
    const d = deps();
    const home = path.resolve('/library-home');
    const handlers = withRevealInFolder(
      { 'library:reveal': async ({ id }) => ({ path: `images/2026-11/${id}.jpg` }) },
      d.shell,
      home,
    );
    const answer = await createDispatcher(handlers)('library:reveal', { id: 'g1' });
    const expected = path.join(home, 'images', '2026-11', 'g1.jpg');
    expect(answer).toEqual({ result: { path: expected } });
    expect(d.shell.showItemInFolder).toHaveBeenCalledWith(expected);
  });

  it('does not reveal anything when the core cannot find the image', async () => {
    const d = deps();
    const handlers = withRevealInFolder(
      {
        'library:reveal': async () => {
          throw Object.assign(new Error('No such image'), { code: 'NOT_FOUND' });
        },
      },
      d.shell,
      '/h',
    );
    expect(await createDispatcher(handlers)('library:reveal', { id: 'nope' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(d.shell.showItemInFolder).not.toHaveBeenCalled();
  });

  it('leaves the handlers alone when the core has no reveal handler', () => {
    const handlers = {};
    expect(withRevealInFolder(handlers, deps().shell, '/h')).toBe(handlers);
  });

  it('sends deleted files to the OS trash', async () => {
    const d = deps();
    await osTrash(d.shell)('/h/images/x.jpg');
    expect(d.shell.trashItem).toHaveBeenCalledWith('/h/images/x.jpg');
  });
});
