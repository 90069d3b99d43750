/**
 * The one place a request from any front door (IPC, WebSocket, CLI) meets the core:
 * unknown channels and malformed payloads are refused with a structured error before any
 * handler runs, and every answer is an `{result}` or `{error}` envelope.
 */
import type { z } from 'zod';
import { requests, type Envelope, type Handlers, type RequestChannel } from '../../../shared/api';
import { toErrorInfo } from '../../../shared/errors';
import type { Logger } from '../logging/logger';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Envelope<unknown>>;

export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(requests, channel);
}

/** "request.params.width: Too small: expected number to be >=64" — names the field and the rule. */
export function describeZodError(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'Invalid input' };
  const field = issue.path.map(String).join('.');
  return field ? { message: `${field}: ${issue.message}`, field } : { message: issue.message };
}

export function createDispatcher(handlers: Partial<Handlers>, logger?: Logger): Dispatch {
  return async (channel, payload) => {
    if (!isRequestChannel(channel)) {
      return { error: { code: 'INVALID_INPUT', message: `Unknown channel '${String(channel).slice(0, 80)}'` } };
    }
    const parsed = requests[channel].payload.safeParse(payload);
    if (!parsed.success) {
      const { message, field } = describeZodError(parsed.error);
      return { error: field ? { code: 'INVALID_INPUT', message, field } : { code: 'INVALID_INPUT', message } };
    }
    const handler = handlers[channel] as ((p: unknown) => unknown) | undefined;
    if (!handler) return { error: { code: 'NOT_FOUND', message: `'${channel}' is not available here` } };
    try {
      return { result: await handler(parsed.data) };
    } catch (err) {
      const info = toErrorInfo(err);
      if (info.code === 'INTERNAL') logger?.error('handler failed', { channel, error: err });
      return { error: info };
    }
  };
}
