/**
 * The page's Content-Security-Policy in a browser: the app's own policy from security.ts, with
 * images from this host (the asset route) instead of the Electron asset scheme, and the WebSocket
 * back to this host allowed. Derived, not copied, so a tightening in security.ts applies here too.
 */
import { contentSecurityPolicy } from '../security';

export function webContentSecurityPolicy(port: number): string {
  const overrides: Record<string, string> = {
    'img-src': "'self' blob: data:",
    'connect-src': `'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
  };
  return contentSecurityPolicy()
    .split(';')
    .map((directive) => directive.trim())
    .map((directive) => {
      const name = directive.split(/\s+/)[0] ?? '';
      const value = overrides[name];
      return value === undefined ? directive : `${name} ${value}`;
    })
    .join('; ');
}
