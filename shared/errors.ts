/**
 * Stable error codes that cross every front door (IPC, WebSocket, CLI).
 * The UI branches on `code`; `message` is for people and never contains the API key.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'KEY_MISSING',
  'KEY_REJECTED',
  'OUT_OF_CREDITS',
  'MODERATED',
  'RATE_LIMITED',
  'NETWORK',
  'NOT_FOUND',
  'CANCELLED',
  /** A submission that needs a person's yes (cost over the threshold, unknown cost, identical batch): re-send with `confirmed`. */
  'CONFIRM_REQUIRED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** The request field the error is about, when there is one (e.g. `width`). */
  field?: string;
}

/** An error with a stable code. Thrown by the core, carried as `{error}` by the front doors. */
export class SeedbankError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'SeedbankError';
    this.code = code;
    this.field = field;
  }

  toInfo(): ErrorInfo {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into a structured error; unknown errors become INTERNAL. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof SeedbankError) return err.toInfo();
  if (err && typeof err === 'object' && 'code' in err && isErrorCode(err.code)) {
    const e = err as { code: ErrorCode; message?: unknown; field?: unknown };
    const info: ErrorInfo = { code: e.code, message: typeof e.message === 'string' ? e.message : e.code };
    if (typeof e.field === 'string') info.field = e.field;
    return info;
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: message || 'Unexpected error' };
}
