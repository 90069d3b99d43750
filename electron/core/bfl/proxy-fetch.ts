/**
 * The CLI's fetch: plain Node fetch ignores HTTPS_PROXY, so behind a corporate proxy the CLI would
 * fail where the desktop app (Chromium's net stack) works. undici's EnvHttpProxyAgent reads
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case) the way curl does.
 */
import type { Dispatcher, fetch as UndiciFetch } from 'undici';
import type { FetchLike } from '../context';

type Env = Record<string, string | undefined>;

function pick(env: Env, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

export function createProxyAwareFetch(env: Env): FetchLike {
  const httpProxy = pick(env, 'HTTP_PROXY');
  const httpsProxy = pick(env, 'HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return (input, init) => fetch(input, init);
  const noProxy = pick(env, 'NO_PROXY');
  // undici is loaded on the first request, not at start: most CLI commands never send one.
  type Loaded = { dispatcher: Dispatcher; undiciFetch: typeof UndiciFetch };
  let ready: Promise<Loaded> | null = null;
  const load = () =>
    (ready ??= import('undici').then(({ EnvHttpProxyAgent, fetch: undiciFetch }) => {
      const dispatcher = new EnvHttpProxyAgent({
        ...(httpProxy ? { httpProxy } : {}),
        // As curl does: an https request falls back to HTTP_PROXY when HTTPS_PROXY is unset.
        ...(httpsProxy || httpProxy ? { httpsProxy: httpsProxy ?? httpProxy } : {}),
        ...(noProxy ? { noProxy } : {}),
      });
      return { dispatcher, undiciFetch };
    }));
  return async (input, init) => {
    const { dispatcher, undiciFetch } = await load();
    // undici's own fetch takes its dispatcher; its Response is the WHATWG Response the core expects.
    return undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher });
  };
}
