// The V8 flags of the processes that host the core for a long time: the web host, the benchmarks
// (each suite but jobs, which measures the packaged desktop app, runs with them) and Electron's
// main process under `npm start` / `npm run dev` (as --js-flags, scripts/start.mjs).
// --max-semi-space-size=4: Node 24 lets V8's young generation grow to 64 MB per semi-space, and
// a host that runs jobs all day fills it; 4 MB keeps the jobs bench's peak RSS near 135 MB instead
// of ~170 MB, for scavenges of a few ms. See docs/performance.md (a packaged app's main process
// cannot take it from inside the app; that file says why).
export const NODE_HOST_FLAGS = ['--max-semi-space-size=4'];
