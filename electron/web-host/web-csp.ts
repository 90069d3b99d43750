/**
 * The page's Content-Security-Policy in a browser: the page policy both front doors share
 * (core/page-policy.ts), with images from this host (the asset route, covered by 'self') and the
 * WebSocket back to this host.
 */
import { pageContentSecurityPolicy } from '../core/page-policy';

export function webContentSecurityPolicy(port: number): string {
  return pageContentSecurityPolicy({ connectSources: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
}
