import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { HtmlTagDescriptor, Plugin } from 'vite';

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __SEEDBANK_VERSION__: JSON.stringify(pkg.version) };

/**
 * The studio's chunk (renderer/render-studio.tsx: React and the gallery) is imported by the entry
 * only after the first requests were sent, so Vite would fetch it only then. Preloading it (and
 * what it imports) from the HTML starts that download with the entry's, before the host is busy
 * with the first requests (docs/performance.md, "First gallery paint").
 */
function preloadStudioChunk(): Plugin {
  return {
    name: 'seedbank:preload-studio-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const studio = chunks.find((c) => c.facadeModuleId?.endsWith('/renderer/render-studio.tsx'));
        if (!studio) throw new Error('preload-studio-chunk: no chunk for renderer/render-studio.tsx');
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const next of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(next);
        };
        visit(studio.fileName);
        return [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head',
          }));
      },
    },
  };
}

export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: resolve(__dirname, 'electron/main.ts') } },
    },
  },
  preload: {
    define,
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron`: bundle everything else into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    define,
    plugins: [react(), preloadStudioChunk()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite's renderer preset turns minification off (its default `minify: false`);
      // the page parses and compiles this script before its first render, in Electron and in
      // the web host alike, so it is minified as a plain Vite build would be.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
