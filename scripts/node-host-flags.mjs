// The V8 flags of the plain-Node processes that host the core for a long time (the web host;
// the benchmarks run each suite with them, so they measure what that host gets).
// --max-semi-space-size=4: Node 24 lets V8's young generation grow to 64 MB per semi-space, and
// a host that runs jobs all day fills it; 4 MB keeps the jobs bench's peak RSS near 135 MB instead
// of ~170 MB, for scavenges of a few ms. See docs/memory.md (the Electron main process cannot
// take it from inside the app; that file says why).
export const NODE_HOST_FLAGS = ['--max-semi-space-size=4'];
