/**
 * The jobs bench's baseline: what BFL's own examples and the Vercel AI SDK do — submit, then poll
 * `polling_url` every 0.5 s from the submit until `Ready` — with the same active-task limit as
 * Seedbank (a 429 is retried after 0.5 s). It only sees Ready; it neither downloads nor stores.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReferenceRun {
  wallMs: number;
  polls: number;
  /** Per job: the moment a poll saw Ready minus the moment the task was really done. */
  addedLatencyMs: number[];
  /** Per job, in the order they were started: the task's own generation time, as the server reports it. */
  taskMs: number[];
}

interface ReadyResult {
  end_time: number;
  duration: number;
}

const INTERVAL_MS = 500;

export async function runReferencePoller(options: {
  apiBase: string;
  apiKey: string;
  model: string;
  jobs: number;
  limit: number;
}): Promise<ReferenceRun> {
  const headers = { 'x-key': options.apiKey, 'content-type': 'application/json' };
  const run: ReferenceRun = { wallMs: 0, polls: 0, addedLatencyMs: [], taskMs: [] };
  let next = 0;
  const one = async (index: number): Promise<void> => {
    let pollingUrl: string | null = null;
    while (!pollingUrl) {
      const res = await fetch(`${options.apiBase}/v1/${options.model}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ prompt: 'a bench of seeds', width: 256, height: 256 }),
      });
      const body = (await res.json()) as { polling_url?: string };
      if (res.status === 429) await sleep(INTERVAL_MS);
      else if (res.ok && body.polling_url) pollingUrl = body.polling_url;
      else throw new Error(`reference submit answered ${res.status}`);
    }
    for (;;) {
      await sleep(INTERVAL_MS);
      run.polls += 1;
      const res = await fetch(pollingUrl, { headers });
      const body = (await res.json()) as { status: string; result: ReadyResult | null };
      if (body.status === 'Ready' && body.result) {
        run.addedLatencyMs.push(Date.now() - body.result.end_time * 1000);
        run.taskMs[index] = body.result.duration * 1000;
        return;
      }
      if (body.status !== 'Pending') throw new Error(`reference poll saw ${body.status}`);
    }
  };
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.limit }, async () => {
      while (next < options.jobs) {
        const index = next;
        next += 1;
        await one(index);
      }
    }),
  );
  run.wallMs = Date.now() - started;
  return run;
}
