/**
 * The contract's desktop-only actions, done by Electron's shell and clipboard in main (the
 * renderer has no permission to either): open an https link in the OS browser, copy text, and
 * show an image in the file manager. Electron objects are passed in, so these are tested under
 * plain Node with stand-ins.
 */
import path from 'node:path';
import type { Clipboard, Shell } from 'electron';
import type { Handlers } from '../shared/api';
import { SeedbankError } from '../shared/errors';
import { isExternalLinkAllowed } from './security';

export interface ShellDeps {
  shell: Pick<Shell, 'openExternal'>;
  clipboard: Pick<Clipboard, 'writeText'>;
}

export function createShellHandlers({
  shell,
  clipboard,
}: ShellDeps): Pick<Handlers, 'shell:openExternal' | 'shell:copyText'> {
  return {
    'shell:openExternal': async ({ url }) => {
      // The contract already demands https; this is the same rule the window-open handler uses, checked again here.
      if (!isExternalLinkAllowed(url))
        throw new SeedbankError('INVALID_INPUT', 'Only https links open outside Seedbank', 'url');
      await shell.openExternal(url);
      return { opened: true };
    },
    'shell:copyText': async ({ text }) => {
      await clipboard.writeText(text);
      return { copied: true };
    },
  };
}

/**
 * Wraps the core's `library:reveal` (which finds the file and checks it exists) so that the file
 * is then shown in the OS file manager. The core's answer may be relative to the library folder.
 */
export function withRevealInFolder(
  handlers: Partial<Handlers>,
  shell: Pick<Shell, 'showItemInFolder'>,
  home: string,
): Partial<Handlers> {
  const locate = handlers['library:reveal'];
  if (!locate) return handlers;
  return {
    ...handlers,
    'library:reveal': async (payload) => {
      const answer = await locate(payload);
      const absolute = path.isAbsolute(answer.path) ? answer.path : path.join(home, answer.path);
      shell.showItemInFolder(absolute);
      return { path: absolute };
    },
  };
}

/** The library's hook for deleting to the OS trash (emptying Seedbank's trash sends files there, not to oblivion). */
export function osTrash(shell: Pick<Shell, 'trashItem'>): (absolutePath: string) => Promise<void> {
  return (absolutePath) => shell.trashItem(absolutePath);
}
