/**
 * Every command's module, loaded as one: the CLI's start-up imports this once the command line
 * names a command (`cli.ts`). One module rather than one per command: each file Node loads costs
 * its own resolution, read, cache lookup and link (docs/performance.md), and the command modules
 * are small; what is heavy (the core, sharp, undici, pg) stays behind each command's own imports.
 */
export { generateCommand } from './generate';
export { resumeCommand } from './resume';
export { jobsCommand } from './jobs';
export { retryCommand } from './retry';
export { cancelCommand } from './cancel';
export { historyCommand } from './history';
export { keyCommand } from './key';
export { creditsCommand } from './credits';
export { doctorCommand } from './doctor';
export { importCommand, rebuildCommand } from './library-commands';
export { exportCommand } from './export';
export { libraryCommand } from './team-library';
