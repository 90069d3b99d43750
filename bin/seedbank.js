#!/usr/bin/env node
// The `seedbank` command: runs the bundled CLI (built by `npm install` / `npm run build:node`).
import { existsSync } from 'node:fs';
import module from 'node:module';
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
// V8's compiled code for the CLI's chunks is kept between runs (Node's own cache, in the temp
// folder): a command then starts without compiling the contract and commander again.
module.enableCompileCache?.();
await import(pathToFileURL(cli).href);
