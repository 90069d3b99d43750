/**
 * The emulator's chaos mode, part 2: three HTTP listeners in front of the emulator's API, polling
 * and delivery hosts that pass every exchange through and, where the seeded `ChaosPlan` says so,
 * break it the way BFL or the network in front of it does — 429 storms, 503s (BFL's JSON, or a
 * proxy's HTML page after the task was made), resets, broken JSON, answers held past the client's
 * timeout, deliveries failing, cut short or reset mid-body, moderation. The emulator behind stays
 * the truth: which tasks exist, how each ended, how often each request was paid for.
 *
 * `setHook` lets a harness act at exact moments of an exchange (e.g. SIGKILL the client once a
 * task is billed but before the answer leaves). The hook runs before the exchange goes on.
 */
import http from 'node:http';
import { DEFAULT_CHAOS_RATES, ChaosPlan, type ChaosRates } from './chaos-plan';
import { forward, send } from './chaos-forward';
import { closeServer, dropConnection, listen, readBody, sendJson, sendRaw } from './http';
import { startFakeBfl } from './server';
import type { FakeBfl, FakeBflOptions, HostName } from './types';

export type ChaosMoment =
  /** A submit's body has arrived; no task exists yet. `'drop'` ends it there, unbilled. */
  | 'submit-received'
  /** BFL made (and billed) the task; its answer has not left yet. */
  | 'task-created'
  /** The submit's answer was handed to the socket. */
  | 'submit-answered'
  | 'poll-received'
  /** A `Ready` answer (with the sample URL) was handed to the socket. */
  | 'ready-answered'
  | 'delivery-received'
  /** Half of the image has been written to the socket. */
  | 'delivery-midway'
  /** The whole image was handed to the socket. */
  | 'delivery-sent';

export interface MomentInfo {
  moment: ChaosMoment;
  /** The request key (prompt + seed) of the job concerned, when known. */
  key: string | null;
  taskId: string | null;
  /** When the request arrived (ms since the epoch), to tell a live client's requests from a dead one's. */
  arrivedAt: number;
}

export type ChaosHook = (info: MomentInfo) => void | 'drop' | Promise<void | 'drop'>;

export interface ChaosOptions {
  seed: number;
  rates?: Partial<ChaosRates>;
  /** How long a slow poll answer is held: past the client's 30 s request timeout by default. */
  slowMs?: number;
  /** Slow answers per run at most (each costs a job `slowMs`). */
  slowBudget?: number;
  emulator?: FakeBflOptions;
}

export interface ChaosBfl {
  /** The chaos API host: what the client is pointed at. */
  apiBase: string;
  /** The emulator behind the chaos: tasks, submits and their outcomes as BFL knows them. */
  fake: FakeBfl;
  plan: ChaosPlan;
  /** The image bytes BFL delivers for a task (captured whole, whatever reached the client). */
  delivered(taskId: string): Buffer | undefined;
  /** The request key a task was made for. */
  keyOf(taskId: string): string | undefined;
  setHook(hook: ChaosHook | null): void;
  /** Slow answers the client stopped waiting for by itself (its own timeout fired). */
  slowAnswersTimedOut(): number;
  /** Exchanges open now, and when one last began or ended: how a harness tells a client that waits on nothing. */
  activity(): { inFlight: number; lastAt: number };
  close(): Promise<void>;
}

const MARKERS = /\s*\[fake:[^\]]*\]/gi;
/** A client whose 30 s timeout fires hangs up within this much before a 32 s hold ends. */
const SLOW_MARGIN_MS = 4_000;

const END_MARKERS: Record<string, string> = {
  'request-moderated': '[fake:request-moderated]',
  'content-moderated': '[fake:content-moderated]',
  'task-error': '[fake:error]',
};

/** What identifies one job's request: its prompt (without emulator markers) and seed. */
export function requestKey(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const { prompt, seed } = body as { prompt?: unknown; seed?: unknown };
  if (typeof prompt !== 'string') return null;
  return `${prompt.replace(MARKERS, '')}#${typeof seed === 'number' ? seed : '-'}`;
}

const socketAlive = (req: http.IncomingMessage) => !req.socket.destroyed;

export async function startChaosBfl(options: ChaosOptions): Promise<ChaosBfl> {
  const fake = await startFakeBfl(options.emulator);
  const plan = new ChaosPlan(
    options.seed,
    { ...DEFAULT_CHAOS_RATES, ...options.rates },
    options.slowBudget ?? Number.POSITIVE_INFINITY,
  );
  const slowMs = options.slowMs ?? 32_000;
  const delivered = new Map<string, Buffer>();
  const keys = new Map<string, string>();
  const held = new Set<NodeJS.Timeout>();
  const bases: Record<HostName, string> = { api: '', polling: '', delivery: '' };
  let hook: ChaosHook | null = null;
  let inFlight = 0;
  let timedOut = 0;
  let lastAt = Date.now();

  const at = async (moment: ChaosMoment, key: string | null, taskId: string | null, arrivedAt: number) =>
    hook ? ((await hook({ moment, key, taskId, arrivedAt })) ?? null) : null;
  // The client must only ever see the chaos hosts, so addresses in answers are rewritten.
  const rewrite = (body: Buffer) =>
    Buffer.from(
      body.toString('utf8').split(fake.pollingBase).join(bases.polling).split(fake.deliveryBase).join(bases.delivery),
    );

  async function submit(req: http.IncomingMessage, res: http.ServerResponse, arrivedAt: number): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      // Not JSON: the emulator answers 422 as BFL would.
    }
    const key = requestKey(body);
    if (key === null) return send(res, await forward(fake.apiBase, req, raw));
    if ((await at('submit-received', key, null, arrivedAt)) === 'drop') return dropConnection(req);
    const fault = plan.submitFault(key);
    if (fault === 'submit-429') {
      return sendJson(
        res,
        429,
        { detail: 'You have reached the limit of active tasks. Please wait for running tasks to finish.' },
        { 'retry-after': '1' },
      );
    }
    if (fault === 'submit-503') {
      return sendJson(
        res,
        503,
        { detail: 'Service temporarily unavailable. Please retry later.' },
        { 'retry-after': '1' },
      );
    }
    const end = plan.endFault(key);
    const sent =
      end && body && typeof body === 'object'
        ? Buffer.from(
            JSON.stringify({
              ...(body as Record<string, unknown>),
              prompt: `${(body as { prompt: string }).prompt} ${END_MARKERS[end]}`,
            }),
          )
        : raw;
    const answer = await forward(fake.apiBase, req, sent);
    const taskId =
      answer.status === 200 ? ((JSON.parse(answer.body.toString('utf8')) as { id?: string }).id ?? null) : null;
    if (taskId === null) return send(res, answer);
    keys.set(taskId, key);
    await at('task-created', key, taskId, arrivedAt);
    if (fault === 'submit-reset-after-create') return dropConnection(req);
    if (fault === 'submit-503-html-after-create') {
      return sendRaw(res, 503, 'text/html', '<html><body><h1>503 Service Unavailable</h1></body></html>');
    }
    res.on('finish', () => void at('submit-answered', key, taskId, arrivedAt));
    send(res, answer, rewrite(answer.body));
  }

  async function poll(req: http.IncomingMessage, res: http.ServerResponse, arrivedAt: number): Promise<void> {
    const taskId = new URL(req.url ?? '/', 'http://chaos.invalid').searchParams.get('id');
    const key = (taskId && keys.get(taskId)) ?? null;
    await at('poll-received', key, taskId, arrivedAt);
    const fault = key ? plan.pollFault(key) : null;
    switch (fault) {
      case 'poll-500':
        return sendJson(res, 500, { detail: 'Internal Server Error' });
      case 'poll-502':
        return sendRaw(res, 502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'poll-reset':
        return dropConnection(req);
      case 'poll-malformed-json':
        return sendRaw(res, 200, 'application/json', `{"id": "${taskId ?? ''}", "status": "Pen`);
      case 'poll-slow': {
        // The client gave up by itself (its timeout) when it hangs up late in the hold; a kill
        // hangs up whenever it comes.
        const heldSince = Date.now();
        req.socket.once('close', () => {
          if (Date.now() - heldSince >= slowMs - SLOW_MARGIN_MS && Date.now() - heldSince < slowMs) timedOut += 1;
        });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            held.delete(timer);
            resolve();
          }, slowMs);
          held.add(timer);
        });
        if (!socketAlive(req)) return;
        break;
      }
      default:
        break;
    }
    const answer = await forward(fake.pollingBase, req, null);
    const ready = answer.status === 200 && /"status":\s*"Ready"/.test(answer.body.toString('utf8'));
    if (ready) res.on('finish', () => void at('ready-answered', key, taskId, arrivedAt));
    send(res, answer, rewrite(answer.body));
  }

  async function deliver(req: http.IncomingMessage, res: http.ServerResponse, arrivedAt: number): Promise<void> {
    const taskId = /^\/results\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? null;
    const key = (taskId && keys.get(taskId)) ?? null;
    await at('delivery-received', key, taskId, arrivedAt);
    const answer = await forward(fake.deliveryBase, req, null);
    if (answer.status !== 200 || !taskId || !key) return send(res, answer);
    delivered.set(taskId, answer.body);
    const bytes = answer.body;
    const half = Math.floor(bytes.length / 2);
    switch (plan.deliveryFault(key)) {
      case 'delivery-5xx':
        return sendRaw(res, 503, 'application/xml', '<Error><Code>ServerBusy</Code></Error>');
      case 'delivery-truncated':
        // The body ends early but cleanly: the length announced is the short one (a broken cache).
        return send(res, answer, bytes.subarray(0, half));
      case 'delivery-reset-mid-body':
        res.writeHead(200, { ...answer.headers, 'content-length': bytes.length });
        res.write(bytes.subarray(0, half), () => req.socket.destroy());
        return;
      default:
        break;
    }
    res.writeHead(200, { ...answer.headers, 'content-length': bytes.length });
    await new Promise<void>((resolve) => res.write(bytes.subarray(0, half), () => resolve()));
    await at('delivery-midway', key, taskId, arrivedAt);
    if (!socketAlive(req)) return;
    res.on('finish', () => void at('delivery-sent', key, taskId, arrivedAt));
    res.end(bytes.subarray(half));
  }

  async function route(host: HostName, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (host === 'api' && req.method === 'POST') return submit(req, res, arrivedAt);
    if (host !== 'delivery' && req.method === 'GET' && path === '/v1/get_result') return poll(req, res, arrivedAt);
    if (host === 'delivery' && req.method === 'GET') return deliver(req, res, arrivedAt);
    const answer = await forward(host === 'api' ? fake.apiBase : fake.pollingBase, req, null);
    send(res, answer, rewrite(answer.body));
  }

  const servers = {} as Record<HostName, http.Server>;
  for (const host of ['api', 'polling', 'delivery'] as const) {
    servers[host] = http.createServer((req, res) => {
      inFlight += 1;
      lastAt = Date.now();
      res.once('close', () => {
        inFlight -= 1;
        lastAt = Date.now();
      });
      route(host, req, res).catch(() => {
        // The client went away mid-exchange (often: it was killed on purpose). Nothing to answer.
        if (!res.headersSent && socketAlive(req)) sendJson(res, 500, { detail: 'Internal Server Error' });
        else res.destroy();
      });
    });
    bases[host] = `http://127.0.0.1:${await listen(servers[host], 0)}`;
  }

  return {
    apiBase: bases.api,
    fake,
    plan,
    delivered: (taskId) => delivered.get(taskId),
    keyOf: (taskId) => keys.get(taskId),
    setHook: (next) => {
      hook = next;
    },
    activity: () => ({ inFlight, lastAt }),
    slowAnswersTimedOut: () => timedOut,
    close: async () => {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      await Promise.all(Object.values(servers).map(closeServer));
      await fake.close();
    },
  };
}
