/**
 * One CLI run's view of the core: opened on SEEDBANK_HOME (or the platform's app-data folder),
 * with a proxy-aware fetch, the log going to the log file only (stderr stays for people), and no
 * automatic resume — only `seedbank resume` picks up other runs' jobs.
 */
import type { RequestChannel, RequestPayload, RequestResult } from '../../shared/api';
import { APP_VERSION } from '../../shared/version';
import { createCore, type Core } from '../core/app-core';
import { createProxyAwareFetch } from '../core/bfl/proxy-fetch';
import { createFileLogger } from '../core/logging/logger';
import { appPaths, defaultHome, resolveHome } from '../core/paths';
import { CliError } from './exit-codes';

export interface CliSession {
  core: Core;
  home: string;
  call<C extends RequestChannel>(channel: C, payload?: RequestPayload<C>): Promise<RequestResult<C>>;
  close(): Promise<void>;
}

export async function openSession(env: NodeJS.ProcessEnv = process.env): Promise<CliSession> {
  const home = resolveHome(env, () => defaultHome(env));
  const core = await createCore({
    home,
    env,
    kind: 'cli',
    version: APP_VERSION,
    fetch: createProxyAwareFetch(env),
    logger: createFileLogger({ directory: appPaths(home).logsDir, echo: false }),
    resumeJobs: false,
  });
  let closed = false;
  return {
    core,
    home,
    async call(channel, payload) {
      const envelope = await core.dispatch(channel, payload);
      if ('error' in envelope) throw CliError.from(envelope.error);
      return envelope.result as RequestResult<typeof channel>;
    },
    async close() {
      if (closed) return;
      closed = true;
      await core.close();
    },
  };
}

/** Opens a session, runs `work`, and always closes it (leases released, database closed). */
export async function withSession<T>(work: (session: CliSession) => Promise<T>): Promise<T> {
  const session = await openSession();
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
