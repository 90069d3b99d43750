// The studio's chunk (renderer/render-studio.tsx: React and the gallery) is imported by the entry
// only after the first requests were sent, so Vite would fetch it only then. Preloading it (and
// what it imports) from the HTML starts that download with the entry's, before the host is busy
// with the first requests (docs/performance.md, "First gallery paint"). Used by both renderer
// builds — electron.vite.config.ts (the desktop app) and scripts/web.mjs (the web host) — so the
// two front doors load the same way.

/** @returns {import('vite').Plugin} */
export function preloadStudioChunk() {
  return {
    name: 'seedbank:preload-studio-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const studio = chunks.find((c) => c.facadeModuleId?.endsWith('/renderer/render-studio.tsx'));
        if (!studio) throw new Error('preload-studio-chunk: no chunk for renderer/render-studio.tsx');
        const files = new Set();
        const visit = (fileName) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const next of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(next);
        };
        visit(studio.fileName);
        return [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head',
          }));
      },
    },
  };
}
