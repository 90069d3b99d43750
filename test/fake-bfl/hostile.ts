/**
 * Hostile answers, for the security suites: what a compromised or impersonated BFL (or a
 * network in between) could answer. Each mode is a fault (`{ kind: 'hostile', mode, elsewhere }`)
 * applied to one submit; `elsewhere` is another server (a stand-in thief) the answer points at.
 */
import type http from 'node:http';

export type HostileMode =
  /** The submit answer is a 200 whose JSON body is far larger than any real answer. */
  | 'submit-giant-body'
  /** The submit is redirected to `elsewhere` (a key-carrying request must not follow). */
  | 'submit-redirect'
  /** `polling_url` names `elsewhere`. */
  | 'polling-url-elsewhere'
  /** Polls are redirected to `elsewhere`. */
  | 'poll-redirect'
  /** `result.sample` names `elsewhere`. */
  | 'sample-elsewhere'
  /** The delivery host answers HTML with a 200 instead of the image. */
  | 'delivery-wrong-type'
  /** The delivery host answers an endless-looking image far over any real size. */
  | 'delivery-giant'
  /** The delivery host redirects to `elsewhere`. */
  | 'delivery-redirect';

export const GIANT_API_BODY_BYTES = 6 * 1024 * 1024;
/** Over the 100 MB a download may be. */
export const GIANT_DELIVERY_BYTES = 110 * 1024 * 1024;

export function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-length': 0 });
  res.end();
}

/** Streams `total` bytes in chunks (never holding them), declaring the type given. */
export function sendGiant(res: http.ServerResponse, total: number, contentType: string, prefix = ''): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': total });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let sent = 0;
  if (prefix) {
    res.write(prefix);
    sent += Buffer.byteLength(prefix);
  }
  const pump = (): void => {
    while (sent < total) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      if (!res.write(part)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}
