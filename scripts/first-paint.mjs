// The build's part of the first paint (docs/performance.md, "The first page inside the HTML"),
// in both renderer builds — electron.vite.config.ts (the desktop app) and scripts/web.mjs (the web
// host) — like preload-studio-chunk.mjs:
//
// - The frame: React's first render of the studio with no data (renderer/prerender-frame.tsx),
//   rendered to HTML here and put into index.html's #root (at FRAME_MARKER), so the page shows
//   the studio's frame as soon as the HTML and the stylesheet are in.
// - The pre-paint (renderer/first-paint.ts) as its own small classic script at the end of <body>:
//   the parser runs it as soon as the stylesheet is in, while a module script — the entry — waits
//   for the whole document and its imports. It draws the first page (put into the HTML by the
//   front door) into the frame's grid ~50 ms after the HTML instead of after the entry, the
//   socket and React.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FRAME_MARKER = '<!--seedbank:frame-->';

async function bundle(entry, options) {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    jsx: 'automatic',
    loader: { '.css': 'empty' },
    logLevel: 'warning',
    ...options,
  });
  return result.outputFiles[0].text;
}

/** React's first render of the studio, as HTML (run in this Node process, imported from memory). */
async function renderFrame(define) {
  const code = await bundle('renderer/prerender-frame.tsx', {
    format: 'esm',
    platform: 'node',
    target: 'node24',
    define: { ...define, 'process.env.NODE_ENV': '"production"' },
    // Imported from memory (a data: URL), so `require` for Node's built-ins is made from this repository's path.
    banner: {
      js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(path.join(root, 'package.json'))});`,
    },
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.renderFrame();
}

/** @param {Record<string, string>} define the renderer build's `define` (the version). */
/** @returns {import('vite').Plugin} */
export function firstPaint(define) {
  let scriptFile = '';
  let frame = '';
  return {
    name: 'seedbank:first-paint',
    apply: 'build',
    async buildStart() {
      const source = await bundle('renderer/first-paint.ts', { format: 'iife', minify: true, target: 'es2022' });
      scriptFile = `assets/first-paint-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName: scriptFile, source });
      frame = await renderFrame(define);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!html.includes(FRAME_MARKER)) throw new Error(`first-paint: index.html has no ${FRAME_MARKER}`);
        return {
          html: html.replace(FRAME_MARKER, () => frame),
          tags: [
            // Asked for first and at high priority: at the end of <body> it would be found last and
            // wait behind the entry's dozen scripts for one of Chromium's six connections to the host.
            {
              tag: 'link',
              attrs: { rel: 'preload', as: 'script', href: `./${scriptFile}`, fetchpriority: 'high' },
              injectTo: 'head-prepend',
            },
            { tag: 'script', attrs: { src: `./${scriptFile}`, fetchpriority: 'high' }, injectTo: 'body' },
          ],
        };
      },
    },
  };
}
