/**
 * How a front door turns the folder a request names (`library:import`'s `directory`,
 * `library:export`'s `destination`) into a real path. The page is untrusted, so it never
 * chooses an arbitrary path:
 * - the app: the person picks the folder in a main-process dialog; the page only ever holds an
 *   opaque handle for it (`createFolderHandles`, one map per front door);
 * - the browser host and tests: typed paths, but only under the person's home folder or the
 *   system temp folder, and never inside the app-data folder — checked on the real path, so a
 *   link cannot lead elsewhere (`typedFolderAccess`);
 * - the CLI: whatever the person typed in their own shell (`anyFolder`).
 */
import { randomBytes } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { SeedbankError } from '../../shared/errors';

export interface FolderAccess {
  /** The absolute folder `value` stands for; INVALID_INPUT naming `field` when it may not be used. */
  resolve(value: string, field: string): Promise<string>;
}

export interface FolderHandles extends FolderAccess {
  /** Remembers a folder the person chose in the dialog and returns the handle the page may use. */
  register(folder: string): string;
}

export function createFolderHandles(): FolderHandles {
  const folders = new Map<string, string>();
  return {
    register(folder) {
      const handle = randomBytes(16).toString('hex');
      folders.set(handle, path.resolve(folder));
      return handle;
    },
    resolve(value, field) {
      const folder = folders.get(value);
      if (folder === undefined) {
        return Promise.reject(
          new SeedbankError(
            'INVALID_INPUT',
            'Choose the folder with the folder dialog (typed paths are not accepted)',
            field,
          ),
        );
      }
      return Promise.resolve(folder);
    },
  };
}

/** The real path of `target`, following links, for the part of it that exists (an export may create the rest). */
async function realPathOf(target: string): Promise<string> {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

const isWithin = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);

export interface TypedFolderRules {
  /** Typed paths must lie under one of these (the home folder and the system temp folder). */
  roots: readonly string[];
  /** And never inside this one (the app-data folder: the library, settings, logs). */
  appData: string;
}

export function typedFolderAccess(rules: TypedFolderRules): FolderAccess {
  return {
    async resolve(value, field) {
      if (!path.isAbsolute(value) || /[\0]/.test(value)) {
        throw new SeedbankError('INVALID_INPUT', 'Type the folder as a full path', field);
      }
      const real = await realPathOf(path.resolve(value));
      const roots = await Promise.all(rules.roots.map((root) => realPathOf(path.resolve(root))));
      const appData = await realPathOf(path.resolve(rules.appData));
      if (isWithin(real, appData)) {
        throw new SeedbankError('INVALID_INPUT', 'That folder is inside Seedbank’s own data folder', field);
      }
      if (!roots.some((root) => isWithin(real, root))) {
        throw new SeedbankError(
          'INVALID_INPUT',
          `Typed folders must be under your home folder or the temp folder (${rules.roots.join(', ')})`,
          field,
        );
      }
      return real;
    },
  };
}

/**
 * The CLI's rule: the person typed the path in their own shell, as trusted as any command they
 * run (the CLI resolves relative paths against its working directory before asking).
 */
export const anyFolder: FolderAccess = {
  resolve: (value) => Promise.resolve(value),
};
