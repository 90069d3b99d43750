/**
 * The renderer page's Content-Security-Policy, in one place for both front doors that serve the
 * page: Electron's window (which adds its asset scheme for library images) and the browser host
 * (which adds its WebSocket back to itself). Each adds only what its transport needs.
 *
 * `default-src 'none'` and only what the renderer needs added back: its own scripts and styles,
 * images from the app itself and blob:/data: (dropped files and previews), and fetches only to
 * the page's own origin: library images reach a reference slot through the core
 * (`inputs:fromLibrary`), so the page never fetches library files. In development the Vite dev
 * server's origin (and its HMR socket) is allowed too.
 */
export interface PagePolicyOptions {
  /** Added to img-src: where this front door serves library images from. */
  imageSources?: string[];
  /** Added to connect-src: the transport's socket back to the core. */
  connectSources?: string[];
  /** The Vite dev server, in development only. */
  devServerUrl?: string | null;
}

export function pageContentSecurityPolicy(options: PagePolicyOptions = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const self = dev ? `'self' ${dev.origin}` : "'self'";
  // The React fast-refresh preamble is an inline script: allowed in development only.
  const script = dev ? `${self} 'unsafe-inline'` : self;
  const connect = ["'self'", ...(options.connectSources ?? []), ...(dev ? [`ws://${dev.host}`, dev.origin] : [])];
  const images = ["'self'", ...(options.imageSources ?? []), 'blob:', 'data:'];
  return [
    "default-src 'none'",
    `script-src ${script}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${images.join(' ')}`,
    `font-src ${self} data:`,
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
}
