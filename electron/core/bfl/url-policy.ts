/**
 * Where the API key may travel. A `polling_url` comes from the network, so before the key goes
 * with it the host must be the configured API host (any port: local emulators, proxies) or a
 * BFL host over https. Anything else could be a key-stealing redirect.
 */
export function allowedPollUrl(pollingUrl: string, apiBase: URL): URL | null {
  let url: URL;
  try {
    url = new URL(pollingUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  if (url.hostname === apiBase.hostname && url.protocol === apiBase.protocol) return url;
  if (url.protocol === 'https:' && (url.hostname === 'bfl.ai' || url.hostname.endsWith('.bfl.ai'))) return url;
  return null;
}

/** A download address must at least be http(s); its host may be anything (delivery hosts vary). */
export function downloadUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
