/**
 * Scrubs secrets from anything about to be logged or shown. The API key must never reach a log
 * line or an error message, so redaction covers both known key values and `x-key` headers.
 */
const knownSecrets = new Set<string>();

/** Registers a secret value (e.g. the API key in use) so every later redaction hides it. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

export function forgetSecret(value: string | null | undefined): void {
  if (value) knownSecrets.delete(value);
}

const HEADER_PATTERN = /("?x-key"?\s*[:=]\s*"?)([^"\s,}]+)/gi;

export function redactText(text: string): string {
  let out = text.replace(HEADER_PATTERN, '$1[redacted]');
  for (const secret of knownSecrets) out = out.split(secret).join('[redacted]');
  return out;
}

/** Deep-copies a value for logging with `x-key` / key-like fields and known secrets removed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /^(x-key|key|apikey|api_key|authorization)$/i.test(k) ? '[redacted]' : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
