/**
 * Prompt markers: `[fake:<name>]` anywhere in a prompt turns into a fault for that submit, so an
 * end-to-end test can steer the emulator through the real UI without a side channel.
 */
import type { Fault } from './types';

const NAMED: Record<string, Fault> = {
  'request-moderated': {
    kind: 'end',
    status: 'Request Moderated',
    details: { 'Moderation Reasons': ['Derivative Works Filter'] },
  },
  'content-moderated': { kind: 'end', status: 'Content Moderated', details: { 'Moderation Reasons': ['NSFW'] } },
  error: { kind: 'end', status: 'Error' },
  failed: { kind: 'end', status: 'Failed' },
  'task-not-found': { kind: 'end', status: 'Task not found' },
  'unknown-status': { kind: 'running-status', status: 'Reasoning' },
  'drop-before-create': { kind: 'drop-before-create' },
  'drop-after-create': { kind: 'drop-after-create' },
  'malformed-json': { kind: 'malformed-json' },
  hang: { kind: 'hang' },
  'poll-malformed': { kind: 'poll-malformed' },
  'delivery-404': { kind: 'delivery-404' },
  'delivery-truncated': { kind: 'delivery-cut', how: 'truncated' },
  'delivery-reset': { kind: 'delivery-cut', how: 'reset' },
  expired: { kind: 'expired' },
  slow: { kind: 'slow', taskMs: 2000 },
  'hold-task': { kind: 'slow', taskMs: Number.POSITIVE_INFINITY },
};

function parseOne(name: string): Fault | null {
  const named = NAMED[name];
  if (named) return named;
  let match = /^http-(\d{3})$/.exec(name);
  if (match) return { kind: 'http', status: Number(match[1]) };
  match = /^proxy-(\d{3})$/.exec(name);
  if (match) return { kind: 'proxy-error', status: Number(match[1]) };
  match = /^poll-(\d{3})$/.exec(name);
  if (match) return { kind: 'poll-http', status: Number(match[1]) };
  match = /^slow-(\d+)$/.exec(name);
  if (match) return { kind: 'slow', taskMs: Number(match[1]) };
  match = /^status-(.+)$/.exec(name);
  if (match) return { kind: 'running-status', status: (match[1] ?? '').replace(/_/g, ' ') };
  return null;
}

/** Every `[fake:…]` marker in a prompt, as faults (unknown names are ignored). */
export function faultsFromPrompt(prompt: unknown): Fault[] {
  if (typeof prompt !== 'string') return [];
  const faults: Fault[] = [];
  for (const match of prompt.matchAll(/\[fake:([a-z0-9_.-]+)\]/gi)) {
    const fault = parseOne((match[1] ?? '').toLowerCase());
    if (fault) faults.push(fault);
  }
  return faults;
}

export const FAULT_MARKERS = [
  ...Object.keys(NAMED),
  'http-<status>',
  'proxy-<status>',
  'poll-<status>',
  'slow-<ms>',
  'status-<Name>',
];
