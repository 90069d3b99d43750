import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
// Shared with scripts/web.mjs, which builds the same renderer for the web host.
import { firstPaint } from './scripts/first-paint.mjs';
import { preloadStudioChunk } from './scripts/preload-studio-chunk.mjs';

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __SEEDBANK_VERSION__: JSON.stringify(pkg.version) };

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
    plugins: [react(), preloadStudioChunk(), firstPaint(define)],
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
