/**
 * Turns a contract error into words a person can act on: what happened, and what to do next.
 * The UI branches on the stable `code`; the core's `message` adds the specifics.
 */
import type { ErrorInfo } from '../../shared/errors';
import { SeedbankError, toErrorInfo } from '../../shared/errors';

export interface ErrorText {
  title: string;
  detail: string;
  /**
   * What the person can do about it, when the UI offers a direct way. `credits`: a link to the
   * BFL dashboard (where credits are bought), then retry.
   */
  action: 'settings' | 'retry' | 'credits' | null;
}

function fieldLabel(field: string): string {
  const labels: Record<string, string> = {
    prompt: 'Prompt',
    seed: 'Seed',
    width: 'Width',
    height: 'Height',
    aspect_ratio: 'Aspect ratio',
    safety_tolerance: 'Safety tolerance',
    output_format: 'Format',
    inputs: 'Reference images',
    key: 'API key',
    steps: 'Steps',
    guidance: 'Guidance',
  };
  const last = field.split('.').at(-1) ?? field;
  return labels[last] ?? last;
}

/** The core's message often starts with `field: `; drop it where the title already names the field. */
function withoutFieldPrefix(message: string, field: string | undefined): string {
  if (!field) return message;
  const last = field.split('.').at(-1) ?? field;
  return message.replace(new RegExp(`^(request\\.params\\.)?${last}:\\s*`), '');
}

/** Ends a message with one full stop, whether or not the core already put one. */
function sentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function describeError(info: ErrorInfo): ErrorText {
  switch (info.code) {
    case 'KEY_MISSING':
      return {
        title: 'No API key is set',
        detail: 'Add your Black Forest Labs API key in Settings to generate images.',
        action: 'settings',
      };
    case 'KEY_REJECTED':
      return {
        title: 'BFL rejected the API key',
        detail: 'The key may be mistyped, revoked or for another region. Replace it in Settings and press “Test key”.',
        action: 'settings',
      };
    case 'OUT_OF_CREDITS':
      return {
        title: 'Out of credits',
        detail: 'Your BFL account has no credits left. Add credits in the BFL dashboard, then retry.',
        action: 'credits',
      };
    case 'MODERATED':
      return {
        title: 'Blocked by BFL’s moderation',
        detail: `${sentence(info.message)} Change the prompt or the reference images, or raise the safety tolerance.`,
        action: null,
      };
    case 'INVALID_INPUT':
      return info.field
        ? {
            title: `${fieldLabel(info.field)}: not accepted`,
            detail: withoutFieldPrefix(info.message, info.field),
            action: null,
          }
        : { title: 'Not accepted', detail: info.message, action: null };
    case 'NETWORK':
      return {
        title: 'Can’t reach BFL',
        detail: `${sentence(info.message)} Check your connection; queued jobs start by themselves when it is back.`,
        action: 'retry',
      };
    case 'RATE_LIMITED':
      return {
        title: 'BFL is busy (rate limited)',
        detail: 'Too many tasks at once. Seedbank waits and sends the rest as slots free up.',
        action: null,
      };
    case 'CONFIRM_REQUIRED':
      return { title: 'Needs your confirmation', detail: info.message, action: 'retry' };
    case 'NOT_FOUND':
      return { title: 'Not available', detail: info.message, action: null };
    case 'CANCELLED':
      return { title: 'Cancelled', detail: info.message, action: 'retry' };
    case 'INTERNAL':
      return {
        title: 'Something went wrong',
        detail: `${sentence(info.message)} The log file (Settings) has details.`,
        action: null,
      };
  }
}

export function errorInfoOf(err: unknown): ErrorInfo {
  return err instanceof SeedbankError ? err.toInfo() : toErrorInfo(err);
}
