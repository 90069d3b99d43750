/**
 * The BFL API client: submit, poll, download, credits — and nothing else. It never retries on its
 * own; each BflError says whether a retry is safe (`retryable`, `sent`, `retryAfterMs`) and the
 * job runner decides. The key goes only with submit, poll and credits, and only to allowed hosts.
 */
import type { FetchLike } from '../context';
import type { Logger } from '../logging/logger';
import { registerSecret } from '../logging/redact';
import { BflError, parseRetryAfter } from './errors';
import { httpError, type Operation } from './http-errors';
import { readPollBody, type PollAnswer } from './poll-answer';
import { Transport } from './transport';
import { allowedPollUrl, downloadUrl } from './url-policy';

export type { PollAnswer, PollState } from './poll-answer';

export interface BflClientOptions {
  apiBase: string;
  getKey: () => Promise<string | null>;
  fetch: FetchLike;
  logger?: Logger;
  requestTimeoutMs?: number;
}

export interface SubmitAnswer {
  id: string;
  pollingUrl: string;
  cost: number | null;
  inputMp: number | null;
  outputMp: number | null;
}

const MODEL_NAME = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_DOWNLOAD = 64 * 1024 * 1024;
const API_ANSWER_LIMIT = 4 * 1024 * 1024;

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

export class BflClient {
  private readonly base: URL;
  private readonly basePath: string;
  private readonly transport: Transport;
  private readonly timeoutMs: number;

  constructor(private readonly options: BflClientOptions) {
    this.base = new URL(options.apiBase);
    this.basePath = this.base.href.replace(/\/+$/, '');
    this.transport = new Transport(options.fetch, options.logger);
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async submit(model: string, body: Record<string, unknown>): Promise<SubmitAnswer> {
    if (!MODEL_NAME.test(model)) {
      throw new BflError('INVALID_INPUT', `model: "${model.slice(0, 64)}" is not a BFL endpoint name`, {
        sent: 'no',
        retryable: false,
        field: 'model',
      });
    }
    const url = new URL(`${this.basePath}/v1/${model}`);
    const { response, bytes } = await this.keyed('submit', url, 'POST', JSON.stringify(body));
    if (!response.ok) throw this.failed('submit', response, bytes, model);
    const answer = parseJson(bytes) as Record<string, unknown> | undefined;
    if (!answer || typeof answer !== 'object' || typeof answer.id !== 'string' || answer.id === '') {
      // BFL answered 200 but we cannot read an id: the task may exist and be billed.
      throw new BflError(
        'NETWORK',
        `BFL's answer to the submit could not be read; the task may exist, so it was not sent again.`,
        {
          httpStatus: response.status,
          sent: 'maybe',
          retryable: false,
        },
      );
    }
    // With no polling_url (webhook-style answers) get_result on the base is the same resource.
    const pollingUrl =
      typeof answer.polling_url === 'string' && answer.polling_url !== ''
        ? answer.polling_url
        : `${this.basePath}/v1/get_result?id=${encodeURIComponent(answer.id)}`;
    return {
      id: answer.id,
      pollingUrl,
      cost: numberOrNull(answer.cost),
      inputMp: numberOrNull(answer.input_mp),
      outputMp: numberOrNull(answer.output_mp),
    };
  }

  async poll(pollingUrl: string): Promise<PollAnswer> {
    const url = allowedPollUrl(pollingUrl, this.base);
    if (!url) {
      const host = URL.canParse(pollingUrl) ? new URL(pollingUrl).host : 'an unreadable address';
      throw new BflError(
        'INVALID_INPUT',
        `Refusing to poll ${host}: it is neither the configured API host (${this.base.hostname}) nor an https bfl.ai host, and the API key must not go there.`,
        { sent: 'no', retryable: false },
      );
    }
    const { response, bytes } = await this.keyed('poll', url, 'GET');
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (response.status === 404) {
      return {
        state: 'not-found',
        status: 'Task not found',
        progress: null,
        sample: null,
        seed: null,
        prompt: null,
        details: null,
        retryAfterMs,
      };
    }
    if (!response.ok) throw this.failed('poll', response, bytes);
    const answer = readPollBody(parseJson(bytes), retryAfterMs);
    if (!answer) {
      throw new BflError('NETWORK', `BFL's status answer could not be read; polling again.`, {
        httpStatus: response.status,
        sent: 'yes',
        retryable: true,
        retryAfterMs,
      });
    }
    return answer;
  }

  async download(
    url: string,
    options: { maxBytes?: number; signal?: AbortSignal } = {},
  ): Promise<{ bytes: Uint8Array; contentType: string | null }> {
    const target = downloadUrl(url);
    if (!target) {
      throw new BflError('INVALID_INPUT', 'The result address is not an http(s) URL.', {
        sent: 'no',
        retryable: false,
      });
    }
    // No x-key here, whatever the host: delivery hosts are not BFL's API and must never see it.
    const { response, bytes } = await this.transport.exchange('download', target, {
      method: 'GET',
      headers: { accept: 'image/*' },
      timeoutMs: this.timeoutMs * 4,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_DOWNLOAD,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (response.status === 403 || response.status === 404 || response.status === 410) {
      throw new BflError(
        'NOT_FOUND',
        `The result image is no longer available (HTTP ${response.status}); BFL keeps results for 10 minutes.`,
        { httpStatus: response.status, sent: 'yes', retryable: false },
      );
    }
    if (!response.ok) throw this.failed('download', response, bytes);
    return { bytes, contentType: response.headers.get('content-type') };
  }

  async credits(): Promise<number> {
    const { response, bytes } = await this.keyed('credits', new URL(`${this.basePath}/v1/credits`), 'GET');
    if (!response.ok) throw this.failed('credits', response, bytes);
    const answer = parseJson(bytes) as { credits?: unknown } | undefined;
    const credits = numberOrNull(answer?.credits);
    if (credits === null) {
      throw new BflError('NETWORK', `BFL's credits answer could not be read.`, {
        httpStatus: response.status,
        sent: 'yes',
        retryable: true,
      });
    }
    return credits;
  }

  private async keyed(op: Operation, url: URL, method: 'GET' | 'POST', body?: string) {
    const key = await this.options.getKey();
    if (!key) {
      throw new BflError('KEY_MISSING', 'No BFL API key is set. Add one in Settings (or set BFL_API_KEY).', {
        sent: 'no',
        retryable: false,
      });
    }
    registerSecret(key);
    const headers: Record<string, string> = { 'x-key': key, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const exchange = await this.transport.exchange(op, url, {
      method,
      headers,
      timeoutMs: this.timeoutMs,
      maxBytes: API_ANSWER_LIMIT,
      ...(body === undefined ? {} : { body }),
    });
    if (exchange.response.status >= 300 && exchange.response.status < 400) {
      throw new BflError(
        'NETWORK',
        `BFL redirected the ${op} elsewhere (HTTP ${exchange.response.status}); not followed, to keep the key private.`,
        {
          httpStatus: exchange.response.status,
          sent: op === 'submit' ? 'maybe' : 'yes',
          retryable: false,
        },
      );
    }
    return exchange;
  }

  private failed(op: Operation, response: Response, bytes: Uint8Array, model?: string): BflError {
    return httpError(op, response.status, new TextDecoder().decode(bytes), response.headers, model);
  }
}
