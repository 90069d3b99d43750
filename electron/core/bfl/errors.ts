/**
 * Errors from talking to BFL. Beyond the stable code every front door understands, a BflError
 * says whether the request may have reached BFL (`sent`) — the one thing that decides whether a
 * submit may be sent again without risking a second bill.
 */
import { SeedbankError, type ErrorCode } from '../../../shared/errors';
import { redactText } from '../logging/redact';

/**
 * - `no`: provably not acted on (connection refused, DNS failure, 429/503 without an id): safe to resend.
 * - `maybe`: it may have been acted on (timeout, dropped connection, unreadable answer to a submit):
 *   a submit's outcome is unknown and it must never be re-sent automatically.
 * - `yes`: BFL answered, and the answer is final.
 */
export type SentState = 'no' | 'maybe' | 'yes';

export interface BflErrorDetails {
  httpStatus?: number | null;
  sent: SentState;
  retryAfterMs?: number | null;
  retryable: boolean;
  field?: string;
}

export class BflError extends SeedbankError {
  readonly httpStatus: number | null;
  readonly sent: SentState;
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, details: BflErrorDetails) {
    // Every message passes redaction: BFL's own text could echo what was sent.
    super(code, redactText(message), details.field);
    this.name = 'BflError';
    this.httpStatus = details.httpStatus ?? null;
    this.sent = details.sent;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.retryable = details.retryable;
  }
}

/** `Retry-After` as milliseconds: seconds (BFL sends 0–1, sometimes fractional) or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : null;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const UNREACHED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// Electron's net.fetch reports Chromium error names in the message instead of errno codes.
const UNREACHED_CHROMIUM =
  /net::ERR_(CONNECTION_REFUSED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|INTERNET_DISCONNECTED|ADDRESS_UNREACHABLE|PROXY_CONNECTION_FAILED)/;

/** Error codes and messages along an error's cause chain (fetch wraps the socket error). */
function describeChain(err: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 5) return;
    seen.add(value);
    const record = value as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string') codes.push(record.code);
    if (typeof record.message === 'string') messages.push(record.message);
    visit(record.cause, depth + 1);
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1);
  };
  visit(err, 0);
  return { codes, messages };
}

/** Whether a failed fetch provably never reached the server. */
export function neverReachedServer(err: unknown): boolean {
  const { codes, messages } = describeChain(err);
  return codes.some((c) => UNREACHED_CODES.has(c)) || messages.some((m) => UNREACHED_CHROMIUM.test(m));
}

/** A short reason for a failed fetch, for messages (e.g. `ECONNREFUSED`). */
export function networkReason(err: unknown): string {
  const { codes, messages } = describeChain(err);
  const code = codes.find((c) => c !== 'ABORT_ERR');
  return code ?? messages.at(-1) ?? 'unknown network error';
}
