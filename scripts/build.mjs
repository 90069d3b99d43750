// Builds everything: main, preload and renderer with electron-vite, then the plain-Node front
// doors (CLI, web host) with esbuild.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build']);
run(process.execPath, [path.join(root, 'scripts', 'build-node.mjs')]);
