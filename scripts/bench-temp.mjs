// The benchmarks' scratch folders: `<tmp>/seedbank-bench-<what>-<pid>-XXXXXX`, removed when the
// bench ends, also when it is stopped by Ctrl-C (SIGINT) or SIGTERM; a folder a killed bench left
// behind (SIGKILL, a crash) is swept by the next `npm run bench`, once the pid in its name is gone.
// The libraries the benches build once and reuse (`<tmp>/seedbank-bench/`, `seedbank-ui-bench-N`)
// are not scratch and never match. Plain JS: `scripts/bench.mjs` sweeps, the benches (TypeScript,
// bundled) make their folders here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'seedbank-bench-';
/** `seedbank-bench-<what>-<pid>-XXXXXX` (mkdtemp's six characters); the pid is the maker's. */
const SCRATCH = /^seedbank-bench-[a-z0-9-]+?-(\d+)-[A-Za-z0-9]{6}$/;

const made = new Set();
let handlersInstalled = false;

function removeAll() {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  made.clear();
}

/**
 * On SIGINT/SIGTERM: remove the folders, then die of the same signal (the parent and the shell
 * see a bench that was stopped, not one that finished). `exit` covers a normal end and a throw.
 */
function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      removeAll();
      process.kill(process.pid, signal);
    });
  }
}

/** A new, empty scratch folder for this bench run; `what` names it (`jobs`, `cli`, `import`, …). */
export function benchTempDir(what) {
  if (!/^[a-z0-9-]+$/.test(what)) throw new Error(`bench temp name must be lowercase words: ${what}`);
  installHandlers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${what}-${process.pid}-`));
  made.add(dir);
  return dir;
}

/** Removes a scratch folder now (a bench that is done with it before it ends). */
export function removeBenchTempDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  made.delete(dir);
}

/** Whether a process with this pid exists (EPERM: it does, it is another user's). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Removes the scratch folders in `dir` whose maker is gone; answers their paths. */
export function sweepStaleBenchTemp(dir = os.tmpdir()) {
  const removed = [];
  for (const name of fs.readdirSync(dir)) {
    const pid = SCRATCH.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    const full = path.join(dir, name);
    try {
      fs.rmSync(full, { recursive: true, force: true });
      removed.push(full);
    } catch {
      // Another user's folder (a shared /tmp): theirs to remove.
    }
  }
  return removed;
}
