import { afterEach, describe, expect, it } from 'vitest';
import { ChaosPlan, DEFAULT_CHAOS_RATES, type ChaosRates } from './chaos-plan';
import { startChaosBfl, type ChaosBfl, type ChaosMoment } from './chaos';
import { DEFAULT_FAKE_KEY } from './index';

const NONE: ChaosRates = Object.fromEntries(
  Object.keys(DEFAULT_CHAOS_RATES).map((k) => [k, k === 'stormLength' ? 1 : 0]),
) as unknown as ChaosRates;
const KEY = { 'x-key': DEFAULT_FAKE_KEY, 'content-type': 'application/json' };

let chaos: ChaosBfl | null = null;
afterEach(async () => {
  await chaos?.close();
  chaos = null;
});

async function submit(prompt: string, seed = 1) {
  const res = await fetch(`${chaos!.apiBase}/v1/flux-2-klein-4b`, {
    method: 'POST',
    headers: KEY,
    body: JSON.stringify({ prompt, seed, width: 256, height: 256 }),
  });
  return { status: res.status, text: await res.text() };
}

async function readyAnswer(pollingUrl: string): Promise<{ status: string; result: { sample: string } }> {
  for (;;) {
    const body = (await (await fetch(pollingUrl, { headers: KEY })).json()) as {
      status: string;
      result: { sample: string };
    };
    if (body.status !== 'Pending') return body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function decisions(seed: number): (string | null)[] {
  const plan = new ChaosPlan(seed, DEFAULT_CHAOS_RATES, 5);
  const out: (string | null)[] = [];
  for (let job = 0; job < 200; job++) {
    const key = `a fox#${job}`;
    out.push(plan.endFault(key), plan.pollFault(key), plan.pollFault(key), plan.deliveryFault(key));
  }
  return out;
}

describe('emulator chaos mode', () => {
  it('decides the same faults for the same seed, and others for another seed', () => {
    expect(decisions(7)).toEqual(decisions(7));
    expect(decisions(7)).not.toEqual(decisions(8));
    expect(decisions(7).filter(Boolean).length).toBeGreaterThan(0);
  });

  it('hands out only its own hosts, so every exchange passes through the chaos', async () => {
    chaos = await startChaosBfl({ seed: 1, rates: NONE, emulator: { taskMs: 10 } });
    const answer = JSON.parse((await submit('a heron')).text) as { polling_url: string };
    const api = new URL(chaos.apiBase);
    expect(new URL(answer.polling_url).hostname).toBe(api.hostname);
    expect(answer.polling_url.startsWith(chaos.fake.pollingBase)).toBe(false);
    const ready = await readyAnswer(answer.polling_url);
    expect(ready.result.sample.startsWith(chaos.fake.deliveryBase)).toBe(false);
    expect((await fetch(ready.result.sample)).status).toBe(200);
  });

  it('answers a poll with 500 and BFL-style JSON when the plan says so', async () => {
    chaos = await startChaosBfl({ seed: 1, rates: { ...NONE, poll500: 1 }, emulator: { taskMs: 10 } });
    const answer = JSON.parse((await submit('a crane')).text) as { polling_url: string };
    const res = await fetch(answer.polling_url, { headers: KEY });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ detail: 'Internal Server Error' });
    expect(chaos.plan.injected['poll-500']).toBe(1);
  });

  it('cuts a delivery short while keeping the whole image as what BFL delivered', async () => {
    chaos = await startChaosBfl({ seed: 1, rates: { ...NONE, deliveryTruncated: 1 }, emulator: { taskMs: 10 } });
    const answer = JSON.parse((await submit('a swan')).text) as { id: string; polling_url: string };
    const ready = await readyAnswer(answer.polling_url);
    const short = Buffer.from(await (await fetch(ready.result.sample)).arrayBuffer());
    const whole = chaos.delivered(answer.id);
    expect(whole).toBeDefined();
    expect(short.length).toBeLessThan(whole!.length);
    expect(whole!.subarray(0, short.length).equals(short)).toBe(true);
  });

  it('makes the task, then refuses with a proxy page: billed once, answered 503', async () => {
    chaos = await startChaosBfl({ seed: 1, rates: { ...NONE, submit503Html: 1 }, emulator: { taskMs: 10 } });
    const { status, text } = await submit('a stork');
    expect(status).toBe(503);
    expect(text).toMatch(/<html>/);
    expect(chaos.fake.tasks()).toHaveLength(1);
  });

  it('calls the hook once the task is billed and before its answer leaves', async () => {
    chaos = await startChaosBfl({ seed: 1, rates: NONE, emulator: { taskMs: 10 } });
    const seen: { moment: ChaosMoment; tasks: number }[] = [];
    chaos.setHook(({ moment }) => {
      seen.push({ moment, tasks: chaos!.fake.tasks().length });
    });
    await submit('an ibis');
    expect(seen.map((s) => s.moment)).toEqual(['submit-received', 'task-created', 'submit-answered']);
    expect(seen.map((s) => s.tasks)).toEqual([0, 1, 1]);
  });

  it('a hook answering drop ends the submit before any task exists', async () => {
    chaos = await startChaosBfl({ seed: 1, rates: NONE, emulator: { taskMs: 10 } });
    chaos.setHook(({ moment }) => (moment === 'submit-received' ? 'drop' : undefined));
    await expect(submit('a rail')).rejects.toThrow();
    expect(chaos.fake.tasks()).toHaveLength(0);
  });
});
