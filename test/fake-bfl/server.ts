/**
 * A local stand-in for the BFL API, as `docs/bfl-api.md` describes it: three real HTTP
 * listeners on 127.0.0.1 — the API host (submit, get_result, credits), a separate polling host
 * (what `polling_url` names, like `api.eu2.bfl.ai`) and a delivery host (signed, expiring
 * `result.sample` URLs that refuse an `x-key`).
 */
import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import http from 'node:http';
import { getModel } from '../../shared/models';
import { faultsFromPrompt } from './faults';
import { closeServer, dropConnection, listen, readBody, sendCut, sendJson, sendRaw } from './http';
import { GIANT_API_BODY_BYTES, GIANT_DELIVERY_BYTES, redirect, sendGiant, type HostileMode } from './hostile';
import { CONTENT_TYPES, renderImage, scaledSize } from './images';
import { basicValidation, planSubmit } from './submit';
import { durationDrawer } from './durations';
import { createTask, hasFault, isRunning, pollBody, sampleExpiresAt, viewOf, type Task } from './tasks';
import type {
  DownloadRecord,
  Fault,
  FakeBfl,
  FakeBflOptions,
  HostName,
  PollRecord,
  RequestRecord,
  SubmitRecord,
} from './types';

export const DEFAULT_FAKE_KEY = 'bfl-fake-key-0001';

const HTTP_DETAILS: Record<number, string> = {
  400: 'Bad Request',
  402: 'Insufficient credits. Please add credits to your account.',
  403: 'Not authenticated - Invalid Authentication',
  422: 'Unprocessable Entity',
  429: 'You have reached the limit of active tasks. Please wait for running tasks to finish.',
  500: 'Internal Server Error',
  503: 'Service temporarily unavailable. Please retry later.',
};

/** What nginx-style proxies answer when their upstream fails: HTML, not BFL's `{"detail": …}`. */
function proxyPage(status: number): string {
  const title = `${status} ${status === 503 ? 'Service Temporarily Unavailable' : 'Bad Gateway'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

export async function startFakeBfl(options: FakeBflOptions = {}): Promise<FakeBfl> {
  const keys = new Set(options.keys ?? [DEFAULT_FAKE_KEY]);
  const runningStatuses = options.runningStatuses?.length ? options.runningStatuses : ['Pending'];
  const modelLimits = options.modelLimits ?? { 'flux-kontext-max': 6 };
  const activeLimit = options.activeLimit ?? 24;
  const sampleTtlMs = options.sampleTtlMs ?? 10 * 60_000;
  const maxSide = options.maxImageSide ?? 256;
  const retryAfter = String(options.pollRetryAfterSeconds ?? 0);
  const signingSecret = randomBytes(16);
  let credits = options.credits ?? 1000;
  let taskMs = options.taskMs ?? 50;
  const drawDuration = options.durationDraws ? durationDrawer(options.durationDraws) : () => null;

  const tasks = new Map<string, Task>();
  const queue: Fault[][] = [];
  const requests: RequestRecord[] = [];
  const submits: SubmitRecord[] = [];
  const polls: PollRecord[] = [];
  const downloads: DownloadRecord[] = [];
  const bases: Record<HostName, string> = { api: '', polling: '', delivery: '' };

  const activeTasks = (model?: string) => {
    const now = Date.now();
    let count = 0;
    for (const task of tasks.values()) if (isRunning(task, now) && (!model || task.plan.spec.id === model)) count++;
    return count;
  };

  const sign = (id: string, expires: number) =>
    createHmac('sha256', signingSecret).update(`${id}:${expires}`).digest('hex').slice(0, 32);

  /** The hostile mode of a task's faults, if any, with the other server it points at. */
  const hostile = (faults: readonly Fault[], mode: HostileMode): string | null => {
    const found = faults.find((f): f is Extract<Fault, { kind: 'hostile' }> => f.kind === 'hostile' && f.mode === mode);
    return found ? found.elsewhere : null;
  };

  const sampleUrl = (task: Task) => {
    const elsewhere = hostile(task.faults, 'sample-elsewhere');
    if (elsewhere) return `${elsewhere}/results/${task.id}/sample.jpg`;
    const expires = sampleExpiresAt(task, sampleTtlMs);
    return `${bases.delivery}/results/${task.id}/sample.${task.plan.format === 'jpeg' ? 'jpg' : task.plan.format}?se=${expires}&sig=${sign(task.id, expires)}`;
  };

  const authorised = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const key = req.headers['x-key'];
    if (typeof key === 'string' && keys.has(key)) return true;
    sendJson(res, 403, { detail: HTTP_DETAILS[403] });
    return false;
  };

  async function submit(model: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const record: SubmitRecord = { model, body: null, headers: req.headers, taskId: null, status: null };
    submits.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    if (!authorised(req, res)) return;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 422, { detail: [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }] });
    }
    record.body = body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return sendJson(res, 422, {
        detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }],
      });
    }
    const fields = body as Record<string, unknown>;
    const faults = [...(queue.shift() ?? []), ...faultsFromPrompt(fields.prompt)];
    if (faults.some((f) => f.kind === 'drop-before-create')) return dropConnection(req);
    const httpFault = faults.find((f): f is Extract<Fault, { kind: 'http' }> => f.kind === 'http');
    if (httpFault) {
      const headers: Record<string, string> =
        httpFault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(httpFault.retryAfterSeconds) };
      const detail = httpFault.detail ?? HTTP_DETAILS[httpFault.status] ?? `HTTP ${httpFault.status}`;
      return sendJson(res, httpFault.status, { detail }, headers);
    }
    const redirectTo = hostile(faults, 'submit-redirect');
    if (redirectTo) return redirect(res, `${redirectTo}/v1/${model}`);
    const spec = getModel(model);
    if (!spec) return sendJson(res, 404, { detail: 'Not Found' });
    const problems = basicValidation(spec, fields);
    if (problems.length > 0) return sendJson(res, 422, { detail: problems });
    const limit = modelLimits[model];
    if (activeTasks() >= activeLimit || (limit !== undefined && activeTasks(model) >= limit)) {
      return sendJson(res, 429, { detail: HTTP_DETAILS[429] });
    }
    const plan = await planSubmit(model, fields, randomInt(0, 2 ** 31));
    if (!plan) return sendJson(res, 404, { detail: 'Not Found' });
    if ((plan.cost ?? 0) > credits) return sendJson(res, 402, { detail: HTTP_DETAILS[402] });

    const task = createTask(randomUUID(), plan, faults, drawDuration(model) ?? taskMs, Date.now());
    tasks.set(task.id, task);
    credits -= plan.cost ?? 0;
    record.taskId = task.id;
    if (hasFault(task, 'drop-after-create')) return dropConnection(req);
    const proxyFault = faults.find((f): f is Extract<Fault, { kind: 'proxy-error' }> => f.kind === 'proxy-error');
    if (proxyFault) return sendRaw(res, proxyFault.status, 'text/html', proxyPage(proxyFault.status));
    if (hasFault(task, 'hang')) return; // closeAllConnections() on close() ends it
    const pollingUrl = `${hostile(faults, 'polling-url-elsewhere') ?? bases.polling}/v1/get_result?id=${task.id}`;
    if (hostile(faults, 'submit-giant-body')) {
      return sendGiant(res, GIANT_API_BODY_BYTES, 'application/json', `{"id": "${task.id}", "padding": "`);
    }
    if (hasFault(task, 'malformed-json'))
      return sendRaw(res, 200, 'application/json', `{"id": "${task.id}", "polling_url": "${pollingUrl}`);
    sendJson(res, 200, {
      id: task.id,
      polling_url: pollingUrl,
      cost: plan.cost,
      input_mp: plan.inputMp,
      output_mp: plan.outputMp,
    });
  }

  function poll(host: HostName, url: URL, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!authorised(req, res)) return;
    const id = url.searchParams.get('id');
    if (!id) return sendJson(res, 422, { detail: [{ loc: ['query', 'id'], msg: 'Field required', type: 'missing' }] });
    const task = tasks.get(id);
    const headers = {
      'retry-after': retryAfter,
      'x-ratelimit-limit': '600',
      'x-ratelimit-remaining': String(Math.max(0, 599 - (polls.length % 600))),
      'x-ratelimit-reset': '1',
    };
    if (!task) {
      polls.push({ host, taskId: id, status: 'Task not found', httpStatus: 200 });
      return sendJson(
        res,
        200,
        { id, status: 'Task not found', result: null, progress: null, details: null, preview: null },
        headers,
      );
    }
    const pollRedirect = hostile(task.faults, 'poll-redirect');
    if (pollRedirect) return redirect(res, `${pollRedirect}/v1/get_result?id=${id}`);
    const fault = task.pollFaults.shift();
    if (fault?.kind === 'poll-http') {
      polls.push({ host, taskId: id, status: null, httpStatus: fault.status });
      return sendJson(res, fault.status, { detail: HTTP_DETAILS[fault.status] ?? `HTTP ${fault.status}` }, headers);
    }
    if (fault?.kind === 'poll-malformed') {
      polls.push({ host, taskId: id, status: null, httpStatus: 200 });
      return sendRaw(res, 200, 'application/json', `{"id": "${id}", "status": "Pen`);
    }
    const body = pollBody(task, Date.now(), runningStatuses, sampleUrl(task));
    polls.push({ host, taskId: id, status: body.status, httpStatus: 200 });
    sendJson(res, 200, body, headers);
  }

  async function deliver(url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/results\/([^/]+)\/sample\.(jpg|png|webp)$/.exec(url.pathname);
    const task = match ? tasks.get(match[1] ?? '') : undefined;
    const hadKey = req.headers['x-key'] !== undefined;
    const answer = (status: number, type: string, body: Buffer | string) => {
      downloads.push({ taskId: task?.id ?? null, hadKey, httpStatus: status });
      sendRaw(res, status, type, body);
    };
    // A real delivery host never sees the key; the emulator refuses it loudly so a leak fails tests.
    if (hadKey) return answer(400, 'text/plain', 'x-key must not be sent to the delivery host');
    const now = Date.now();
    if (!task || isRunning(task, now) || hasFault(task, 'delivery-404')) {
      return answer(404, 'application/xml', '<Error><Code>BlobNotFound</Code></Error>');
    }
    const expires = Number(url.searchParams.get('se'));
    const valid = url.searchParams.get('sig') === sign(task.id, expires);
    if (!valid || now >= sampleExpiresAt(task, sampleTtlMs)) {
      return answer(
        403,
        'application/xml',
        '<Error><Code>AuthenticationFailed</Code><Message>Signature expired</Message></Error>',
      );
    }
    const deliveryRedirect = hostile(task.faults, 'delivery-redirect');
    if (deliveryRedirect) return redirect(res, `${deliveryRedirect}/results/${task.id}/sample.jpg`);
    if (hostile(task.faults, 'delivery-wrong-type')) {
      return answer(200, 'text/html', '<!doctype html><title>Sign in</title><p>Session expired</p>');
    }
    if (hostile(task.faults, 'delivery-giant')) {
      downloads.push({ taskId: task.id, hadKey, httpStatus: 200 });
      return sendGiant(res, GIANT_DELIVERY_BYTES, CONTENT_TYPES[task.plan.format]);
    }
    const size = scaledSize(task.plan.width, task.plan.height, maxSide);
    task.image ??= renderImage(task.id, size.width, size.height, task.plan.format);
    const image = await task.image;
    const cut = task.deliveryFaults.shift();
    if (cut) {
      downloads.push({ taskId: task.id, hadKey, httpStatus: 200, cut: cut.how });
      return sendCut(res, CONTENT_TYPES[task.plan.format], image, cut.how);
    }
    answer(200, CONTENT_TYPES[task.plan.format], image);
  }

  async function route(host: HostName, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-bfl.invalid');
    const record: RequestRecord = {
      host,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      headers: req.headers,
      hadKey: req.headers['x-key'] !== undefined,
      status: null,
    };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    const isGet = req.method === 'GET';
    if (host === 'delivery') {
      if (isGet) return deliver(url, req, res);
    } else if (isGet && url.pathname === '/v1/get_result') {
      return poll(host, url, req, res);
    } else if (host === 'api' && isGet && url.pathname === '/v1/credits') {
      if (authorised(req, res)) sendJson(res, 200, { credits });
      return;
    } else if (host === 'api' && req.method === 'POST') {
      const model = /^\/v1\/([a-z0-9.-]+)$/.exec(url.pathname)?.[1];
      if (model && getModel(model)) return submit(model, req, res);
    }
    sendJson(res, 404, { detail: 'Not Found' });
  }

  const servers = {} as Record<HostName, http.Server>;
  for (const host of ['api', 'polling', 'delivery'] as const) {
    servers[host] = http.createServer((req, res) => {
      route(host, req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { detail: 'Internal Server Error' });
        else res.destroy();
      });
    });
    const port = await listen(servers[host], options.ports?.[host] ?? 0);
    bases[host] = `http://127.0.0.1:${port}`;
  }

  return {
    apiBase: bases.api,
    pollingBase: bases.polling,
    deliveryBase: bases.delivery,
    keys,
    requests,
    submits,
    polls,
    downloads,
    script: (...entries) => {
      for (const entry of entries) queue.push(Array.isArray(entry) ? entry : [entry]);
    },
    setNext: (...faults) => {
      queue.unshift(faults);
    },
    setCredits: (n) => {
      credits = n;
    },
    credits: () => credits,
    setTaskMs: (ms) => {
      taskMs = ms;
    },
    finishTasks: () => {
      const now = Date.now();
      for (const task of tasks.values()) if (isRunning(task, now)) task.forcedDoneAt = now;
    },
    expireSamples: () => {
      const now = Date.now();
      for (const task of tasks.values()) if (!isRunning(task, now)) task.forcedExpired = true;
    },
    task: (id) => {
      const task = tasks.get(id);
      return task ? viewOf(task, Date.now(), runningStatuses) : undefined;
    },
    tasks: () => [...tasks.values()].map((t) => viewOf(t, Date.now(), runningStatuses)),
    activeTasks,
    close: async () => {
      await Promise.all(Object.values(servers).map(closeServer));
    },
  };
}
