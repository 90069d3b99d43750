/**
 * One CLI run's door to the core. Every request goes through the core's dispatcher, as the
 * app's IPC and the web host's socket do; commands never reach into the core's parts.
 *
 * A command opens only what it needs, loaded on demand: `key` (the keychain), `account` (also
 * the settings and a BFL client, for the balance) or `library` (the whole core: database,
 * library, job runner). So `seedbank key status` opens no database and loads no image code.
 * The log goes to the log file only (stderr stays for people); the runner works only the jobs
 * this run submits, unless `seedbank resume` asks for the rest; no background reconcile or
 * thumbnail pass runs in a CLI process.
 */
import type { EventChannel, RequestChannel, RequestPayload, RequestResult } from '../../shared/api';
import { APP_VERSION } from '../../shared/version';
import type { Dispatch } from '../core/contract/dispatch';
import { createProxyAwareFetch } from '../core/bfl/proxy-fetch';
import { createFileLogger, type Logger } from '../core/logging/logger';
import { appPaths, defaultHome, resolveHome } from '../core/paths';
import { CliError } from './exit-codes';

export type SessionScope = 'key' | 'account' | 'library';

export interface CliSession {
  home: string;
  call<C extends RequestChannel>(channel: C, payload?: RequestPayload<C>): Promise<RequestResult<C>>;
  /** The core's events (e.g. `tasks:progress` while an import runs); returns the unsubscribe. */
  onEvent(listener: (channel: EventChannel, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

interface OpenedCore {
  dispatch: Dispatch;
  /** The whole core has a bus; the key and account scopes send no events. */
  ctx?: { bus: { subscribe(listener: (channel: EventChannel, payload: unknown) => void): () => void } };
  close(): Promise<void>;
}

async function openCore(
  scope: SessionScope,
  home: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<OpenedCore> {
  const fetch = createProxyAwareFetch(env);
  if (scope !== 'library') {
    const { createAccountCore } = await import('../core/account-core');
    return createAccountCore({ home, env, logger, scope, fetch });
  }
  const { createCore } = await import('../core/app-core');
  return createCore({
    home,
    env,
    kind: 'cli',
    version: APP_VERSION,
    fetch,
    logger,
    resumeJobs: false,
    backgroundMaintenance: false,
  });
}

export async function openSession(scope: SessionScope, env: NodeJS.ProcessEnv = process.env): Promise<CliSession> {
  const home = resolveHome(env, () => defaultHome(env));
  const logger = createFileLogger({ directory: appPaths(home).logsDir, echo: false });
  const core = await openCore(scope, home, env, logger);
  let closed = false;
  return {
    home,
    async call(channel, payload) {
      const envelope = await core.dispatch(channel, payload);
      if ('error' in envelope) throw CliError.from(envelope.error);
      return envelope.result as RequestResult<typeof channel>;
    },
    onEvent(listener) {
      return core.ctx?.bus.subscribe(listener) ?? (() => undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      await core.close();
    },
  };
}

/**
 * Opens a session, runs `work`, and always closes it (leases released, database closed).
 * `scope` says what the command needs; the whole core unless told otherwise.
 */
export async function withSession<T>(
  work: (session: CliSession) => Promise<T>,
  scope: SessionScope = 'library',
): Promise<T> {
  const session = await openSession(scope);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
