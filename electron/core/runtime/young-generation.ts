/**
 * Keeps V8's young generation from growing while the core runs, in every host (the Electron main
 * process above all, which cannot be given `--max-semi-space-size` once it runs).
 *
 * Node 24 lets each semi-space grow to 64 MB, doubling it whenever enough has survived scavenges
 * since the last growth, and a host running jobs for a while gets there whatever it allocates: the
 * jobs bench peaked at ~165 MB RSS with 95 MB of heap committed for 25 MB used. The maximum is read
 * once, when the isolate is made, but the growth factor is read each time the space grows, so
 * setting it to 1 at run time keeps the young generation at its starting size (scavenges of a
 * small space, a few ms at most). Measured on the jobs bench, no flags: ~166 MB → ~140 MB peak RSS.
 * docs/performance.md has the figures and why the command-line flag does not reach the app.
 *
 * Importing this module holds it: a host's entry imports it first, because loading the rest of
 * the app already grew the space to 16 MB in the jobs bench before `createCore` ran.
 */
import v8 from 'node:v8';

let applied = false;

export function holdYoungGeneration(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

holdYoungGeneration();
