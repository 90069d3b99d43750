/**
 * The web host as `npm run web` starts it (the built `out/web-host/main.mjs` in its own process):
 * it prints exactly one line on stdout, listens on SEEDBANK_PORT when that is set, and hands the
 * real core SEEDBANK_HOME, SEEDBANK_API_BASE and BFL_API_KEY.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../fake-bfl';
import { buildCli, tempHome } from '../cli/cli-harness';
import { closedPort } from '../e2e/support/free-port';
import { startHostProcess, type HostProcess } from '../e2e/support/web-host-process';

let fake: FakeBfl;
let host: HostProcess;
let home: string;
let port: number;

beforeAll(async () => {
  buildCli(); // builds the web host bundle too
  fake = await startFakeBfl();
  home = tempHome();
  port = await closedPort();
  host = await startHostProcess({
    home,
    apiBase: fake.apiBase,
    extra: { SEEDBANK_PORT: String(port), BFL_API_KEY: DEFAULT_FAKE_KEY },
  });
}, 60_000);

afterAll(async () => {
  await host?.stop();
  await fake?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

/** One contract call over the host's socket, as the page makes it. */
async function call(channel: string): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket?token=${host.token}`, {
    headers: { origin: host.origin },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answer = new Promise<unknown>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { id?: number; envelope?: unknown };
        if (message.id === 1) resolve(message.envelope);
      });
    });
    ws.send(JSON.stringify({ id: 1, channel, payload: {} }));
    return await answer;
  } finally {
    ws.close();
  }
}

describe('the web host process', () => {
  it('prints one line with its address and token, on the port SEEDBANK_PORT names', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[A-Za-z0-9_-]{16,}$`));
    expect(host.stdoutLines).toEqual([`Seedbank web host: ${host.url}`]);
  });

  it('runs the core on SEEDBANK_HOME and SEEDBANK_API_BASE, with the key from BFL_API_KEY', async () => {
    expect(await call('app:info')).toMatchObject({
      result: { home: path.resolve(home), apiBase: fake.apiBase, logFile: path.join(home, 'logs', 'seedbank.log') },
    });
    expect(await call('key:status')).toMatchObject({
      result: { hasKey: true, source: 'env', last4: DEFAULT_FAKE_KEY.slice(-4) },
    });
  });
});
