/** Turns a non-2xx answer from BFL into a BflError a person can act on. */
import { BflError, parseRetryAfter } from './errors';

export type Operation = 'submit' | 'poll' | 'credits' | 'download';

interface DetailItem {
  loc?: unknown;
  msg?: unknown;
}

function clip(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

interface Detail {
  text: string | null;
  field: string | undefined;
  /** Whether the body is a JSON object, as BFL's own answers are; a proxy's error page is not. */
  fromBfl: boolean;
}

/** BFL's `detail`: a string, or (422) a list of `{loc, msg, type}`. */
function readDetail(bodyText: string): Detail {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return { text: bodyText.trim() ? clip(bodyText) : null, field: undefined, fromBfl: false };
  }
  const fromBfl = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  const detail = fromBfl ? (parsed as { detail?: unknown }).detail : undefined;
  if (typeof detail === 'string') return { text: clip(detail), field: undefined, fromBfl };
  if (Array.isArray(detail) && detail.length > 0) {
    const first = detail[0] as DetailItem;
    const loc = Array.isArray(first.loc) ? first.loc : [];
    const names = loc.filter((p): p is string => typeof p === 'string' && p !== 'body' && p !== 'query');
    const field = names.at(-1);
    const msg = typeof first.msg === 'string' ? first.msg : 'is not valid';
    return { text: clip(field ? `${field}: ${msg}` : msg), field, fromBfl };
  }
  return { text: null, field: undefined, fromBfl };
}

export function httpError(op: Operation, status: number, bodyText: string, headers: Headers, model?: string): BflError {
  const { text, field, fromBfl } = readDetail(bodyText);
  const because = fromBfl
    ? text
      ? ` BFL said: ${text}`
      : ''
    : " The answer was not BFL's own (a proxy or load balancer page).";
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  const base = { httpStatus: status, retryAfterMs };
  if (status === 400 || status === 422) {
    return new BflError(
      'INVALID_INPUT',
      `BFL refused the request (HTTP ${status}): ${text ?? 'the request is not valid'}`,
      {
        ...base,
        sent: 'yes',
        retryable: false,
        ...(field ? { field } : {}),
      },
    );
  }
  if (status === 402) {
    return new BflError(
      'OUT_OF_CREDITS',
      `Your BFL account is out of credits (HTTP 402). Add credits at bfl.ai and try again.`,
      {
        ...base,
        sent: 'yes',
        retryable: false,
      },
    );
  }
  if (status === 401 || status === 403) {
    return new BflError(
      'KEY_REJECTED',
      `BFL rejected the API key (HTTP ${status}). Check the key in Settings.${because}`,
      {
        ...base,
        sent: 'yes',
        retryable: false,
      },
    );
  }
  if (status === 404) {
    const what = op === 'submit' ? `the endpoint ${model ?? ''}`.trimEnd() : 'this address';
    return new BflError('NOT_FOUND', `BFL does not know ${what} (HTTP 404).`, {
      ...base,
      sent: 'yes',
      retryable: false,
    });
  }
  if (status === 429) {
    // BFL answers 429 before creating a task: nothing was started, so waiting and resending is safe.
    return new BflError(
      'RATE_LIMITED',
      `BFL is busy with this account's active tasks (HTTP 429); waiting before trying again.${because}`,
      {
        ...base,
        sent: 'no',
        retryable: true,
      },
    );
  }
  // BFL's own 503 is JSON and comes before any task exists. Any other 503 (a proxy's or load
  // balancer's page) may come after the request reached BFL: for a submit that is an unknown outcome,
  // handled below with the other server errors (docs/submit-outcomes.md).
  if (status === 503 && (fromBfl || op !== 'submit')) {
    return new BflError('NETWORK', `BFL is temporarily unavailable (HTTP 503); trying again later.${because}`, {
      ...base,
      sent: 'no',
      retryable: true,
    });
  }
  if (status >= 500) {
    if (op === 'submit') {
      // A server error on submit gives no id and no promise that no task was made: never resend blindly.
      return new BflError(
        'NETWORK',
        `BFL failed while taking the request (HTTP ${status}); the task may or may not exist, so it was not sent again.${because}`,
        { ...base, sent: 'maybe', retryable: false },
      );
    }
    return new BflError('NETWORK', `BFL had a server error (HTTP ${status}).${because}`, {
      ...base,
      sent: 'yes',
      retryable: true,
    });
  }
  return new BflError('NETWORK', `BFL answered HTTP ${status}.${because}`, { ...base, sent: 'yes', retryable: false });
}
