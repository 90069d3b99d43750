/**
 * Serves the built renderer (`out/renderer`). Unknown paths fall back to index.html so a reload
 * lands on the app; the page goes out with the web CSP, and through `pageHtml` first (the host puts
 * the gallery's first page into it: core/page/first-page-html.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeFor } from '../core/served-files/content-types';
import { noteFrontDoorRequest, PAGE_LOAD_QUIET_MS } from '../core/runtime/front-door-priority';

export async function serveStatic(
  res: ServerResponse,
  rendererDir: string,
  pathname: string,
  headers: Record<string, string>,
  pageHtml?: (html: string) => Promise<string>,
): Promise<void> {
  const root = path.resolve(rendererDir);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    relative = '';
  }
  let file = path.resolve(root, relative || 'index.html');
  if (!file.startsWith(root + path.sep)) file = path.join(root, 'index.html');
  let stat = await fs.promises.stat(file).catch(() => null);
  if (!stat || !stat.isFile()) {
    file = path.join(root, 'index.html');
    stat = await fs.promises.stat(file).catch(() => null);
  }
  if (!stat) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built. Run `npm run web`, which builds it first.');
    return;
  }
  const isPage = file.endsWith('.html');
  // The page's window now parses, lays out and paints it: long work waits a little longer.
  if (isPage) noteFrontDoorRequest(PAGE_LOAD_QUIET_MS);
  if (isPage && pageHtml) {
    const html = await pageHtml(await fs.promises.readFile(file, 'utf8'));
    const body = Buffer.from(html, 'utf8');
    res.writeHead(200, {
      ...headers,
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(body.length),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(stat.size),
    'Cache-Control': isPage ? 'no-store' : 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  });
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
