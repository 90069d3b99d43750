/**
 * The web host as a child process, exactly as `npm run web` runs it: a temp SEEDBANK_HOME, the
 * BFL emulator as SEEDBANK_API_BASE, no BFL_API_KEY, and an in-memory keychain (never the real one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './build';

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stdoutLines: string[];
  stop(): Promise<void>;
}

export async function startHostProcess(env: {
  home: string;
  apiBase: string;
  extra?: Record<string, string>;
}): Promise<HostProcess> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.BFL_API_KEY;
  delete base.SEEDBANK_PORT;
  const childEnv: NodeJS.ProcessEnv = {
    ...base,
    SEEDBANK_HOME: env.home,
    SEEDBANK_API_BASE: env.apiBase,
    SEEDBANK_KEYCHAIN: 'memory',
    ...env.extra,
  };
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, 'out/web-host/main.mjs')], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start in time\n${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        stdoutLines.push(line);
        const match = /^Seedbank web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    child,
    stdoutLines,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
