#!/usr/bin/env node
// The `seedbank` command: runs the bundled CLI (built by `npm install` / `npm run build:node`).
import { existsSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('seedbank: the CLI is not built yet; run `npm run build:node` in the Seedbank folder.\n');
  process.exit(1);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`seedbank: Node 24 or newer is needed (this is ${process.version}).\n`);
  process.exit(1);
}
// V8's compiled code for the CLI is kept between runs (Node's compile cache): a command then
// starts without compiling the contract and commander again. A cache file is code the next run
// executes, so it lives where only this user writes. Node's default is a folder of the temp
// directory with a guessable name, which on Linux (and other Unixes) is shared by every user, so
// there it goes to the user's cache folder (XDG); macOS and Windows temp folders are per user.
// NODE_COMPILE_CACHE, Node's own setting, wins; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
function compileCacheDir() {
  if (process.env.NODE_COMPILE_CACHE || process.platform === 'darwin' || process.platform === 'win32') return undefined;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'seedbank', 'node-compile-cache');
}
module.enableCompileCache?.(compileCacheDir());
await import(pathToFileURL(cli).href);
