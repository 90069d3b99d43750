/**
 * Project names a person typed on the command line, matched the way the library matches them
 * (`projectNameKey`: any letter case in any script, NFC, spaces collapsed).
 */
import { projectNameKey } from '../core/library/edits/projects';
import { CliError } from './exit-codes';
import type { CliSession } from './session';

/** The id of the project with this name, or null when there is none. */
export async function findProjectId(session: CliSession, name: string): Promise<string | null> {
  const key = projectNameKey(name);
  const { projects } = await session.call('projects:list');
  return projects.find((project) => projectNameKey(project.name) === key)?.id ?? null;
}

/** The id of the project with this name, created when there is none. */
export async function ensureProjectId(session: CliSession, name: string): Promise<string> {
  const found = await findProjectId(session, name);
  if (found !== null) return found;
  try {
    return (await session.call('projects:create', { name })).id;
  } catch (err) {
    // Another run may have created it in between: the library refuses the duplicate name.
    const created = err instanceof CliError ? await findProjectId(session, name) : null;
    if (created === null) throw err;
    return created;
  }
}
