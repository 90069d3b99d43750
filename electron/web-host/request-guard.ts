/**
 * Who may talk to the web host: only a page on this machine that knows the random token.
 * The Host check refuses DNS-rebinding (a remote page whose name resolves to 127.0.0.1 still sends
 * its own name in Host); the token refuses every other local page and process.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'seedbank_token';

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return null;
}

/**
 * The page's own files (scripts, styles) are loaded without `?token=`, so the first request that
 * carries the token sets an HttpOnly, SameSite=Strict cookie holding it; either proves the caller.
 */
export function requestHasToken(req: IncomingMessage, url: URL, token: string): boolean {
  return tokensEqual(url.searchParams.get('token'), token) || tokensEqual(cookieToken(req), token);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
