/**
 * One HTTP exchange with BFL: fetch under a deadline, read the body, log method/host/path/status
 * and time (never headers, never the query — sample URLs carry signatures), and turn socket
 * failures into BflErrors that say whether the request may have reached the server.
 */
import type { FetchLike } from '../context';
import type { Logger } from '../logging/logger';
import { BflError, neverReachedServer, networkReason } from './errors';
import type { Operation } from './http-errors';

export interface Exchange {
  response: Response;
  /** The body, read in full (or up to `maxBytes`). */
  bytes: Uint8Array;
}

export interface ExchangeOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes?: number;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new TooLarge(maxBytes);
  if (!response.body) return new Uint8Array(0);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new TooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

class TooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

export class Transport {
  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly logger: Logger | undefined,
  ) {}

  async exchange(op: Operation, url: URL, options: ExchangeOptions): Promise<Exchange> {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
    const started = performance.now();
    const where = { op, method: options.method, host: url.host, path: url.pathname };
    let status: number | null = null;
    try {
      const response = await this.fetchImpl(url, {
        method: options.method,
        headers: options.headers,
        ...(options.body === undefined ? {} : { body: options.body }),
        signal,
        // Keyed requests never follow redirects: fetch would carry x-key to wherever they point.
        redirect: op === 'download' ? 'follow' : 'manual',
      });
      status = response.status;
      const bytes = await readCapped(response, options.maxBytes ?? 10 * 1024 * 1024);
      this.logger?.info('bfl request', { ...where, status, ms: Math.round(performance.now() - started) });
      return { response, bytes };
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      const error = this.failure(op, url, err, deadline.aborted, options, status);
      this.logger?.warn('bfl request failed', { ...where, status, ms, error: error.message });
      throw error;
    }
  }

  private failure(
    op: Operation,
    url: URL,
    err: unknown,
    timedOut: boolean,
    options: ExchangeOptions,
    status: number | null,
  ): BflError {
    if (err instanceof TooLarge) {
      return new BflError(
        'NETWORK',
        `The answer from ${url.host} is larger than the ${Math.round(err.maxBytes / 1048576)} MB limit.`,
        {
          httpStatus: status,
          sent: 'yes',
          retryable: false,
        },
      );
    }
    if (options.signal?.aborted && !timedOut) {
      return new BflError('CANCELLED', `The ${op} was cancelled.`, {
        httpStatus: status,
        sent: 'maybe',
        retryable: false,
      });
    }
    const unknownOutcome = op === 'submit' ? ' The task may have been created, so it was not sent again.' : '';
    if (timedOut) {
      return new BflError(
        'NETWORK',
        `${url.host} did not answer within ${Math.round(options.timeoutMs / 1000)} s.${unknownOutcome}`,
        { httpStatus: status, sent: 'maybe', retryable: op !== 'submit' },
      );
    }
    const reason = networkReason(err);
    if (status === null && neverReachedServer(err)) {
      return new BflError('NETWORK', `Could not reach ${url.host} (${reason}). Check the network connection.`, {
        sent: 'no',
        retryable: true,
      });
    }
    return new BflError(
      'NETWORK',
      `The connection to ${url.host} broke before the answer was complete (${reason}).${unknownOutcome}`,
      {
        httpStatus: status,
        sent: 'maybe',
        retryable: op !== 'submit',
      },
    );
  }
}
