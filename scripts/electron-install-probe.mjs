// Loaded with `node --import` in front of Electron's own installer (node_modules/electron/install.js)
// by scripts/electron-runtime.mjs. install.js prints only `err.stack` of a failed download, and
// for a refused or unresolvable host that is "TypeError: fetch failed" without the cause; this
// adds one tagged line naming the URL and the cause, so the wrapper can say what failed in one
// line. It downloads nothing itself and changes no request.
const tag = 'seedbank-electron-fetch-failed ';
const originalFetch = globalThis.fetch;

function describe(error) {
  const cause = error && typeof error === 'object' && 'cause' in error ? error.cause : null;
  const parts = [error instanceof Error ? error.message : String(error)];
  if (cause instanceof Error) parts.push(cause.message);
  else if (cause) parts.push(String(cause));
  return parts.join(': ');
}

globalThis.fetch = async function probedFetch(input, init) {
  try {
    return await originalFetch(input, init);
  } catch (error) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : String(input?.url ?? '');
    process.stderr.write(`${tag}${JSON.stringify({ url, error: describe(error) })}\n`);
    throw error;
  }
};
