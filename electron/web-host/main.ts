/**
 * The web host's entry point: opens the real core on SEEDBANK_HOME and serves the renderer to a
 * browser on 127.0.0.1. Prints exactly one line on stdout — the address with its token — so
 * scripts and tests can read it; everything else goes to the log file or stderr.
 */
// First: holds V8's young generation before the rest of the app loads (the file says why).
import '../core/runtime/young-generation';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handlers } from '../../shared/api';
import { SeedbankError } from '../../shared/errors';
import { APP_VERSION } from '../../shared/version';
import { createCore } from '../core/app-core';
import { defaultHome, resolveHome } from '../core/paths';
import { encodeServedPath } from '../core/served-files/path-grammar';
import { MemorySecretStore } from './memory-secret-store';
import { createToken, startWebHost } from './server';

const desktopOnly = (what: string) => () => {
  throw new SeedbankError('NOT_FOUND', `${what} is only available in the desktop app`);
};

// A browser cannot reach the OS shell: these channels answer NOT_FOUND, as the contract says.
const webHandlers: Partial<Handlers> = {
  'shell:openExternal': desktopOnly('Opening links'),
  'shell:copyText': desktopOnly('Copying through the app'),
  // The browser host takes typed folders (under home and temp only; see core/folder-access.ts).
  'dialog:chooseFolder': desktopOnly('The folder dialog'),
};

async function main(): Promise<void> {
  const env = process.env;
  const home = resolveHome(env, () => defaultHome(env));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = env.SEEDBANK_RENDERER_DIR ?? path.resolve(here, '../renderer');
  const requestedPort = Number(env.SEEDBANK_PORT ?? 0);
  const port = Number.isInteger(requestedPort) && requestedPort > 0 && requestedPort < 65536 ? requestedPort : 0;
  const token = createToken();

  /** One memory store per account, standing in for the keychain's entries (the team database password). */
  const memoryKeychain = () => {
    const entries = new Map<string, MemorySecretStore>();
    return (service: string, account: string) => {
      const key = `${service}\n${account}`;
      let entry = entries.get(key);
      if (!entry) entries.set(key, (entry = new MemorySecretStore()));
      return entry;
    };
  };
  const core = await createCore({
    home,
    env,
    kind: 'web',
    version: APP_VERSION,
    assetUrl: (relativePath) => `/asset/${token}/${encodeServedPath(relativePath)}`,
    extraHandlers: webHandlers,
    // `memory`: a stand-in keychain for tests; `none`: behave as a system without any keychain.
    ...(env.SEEDBANK_KEYCHAIN === 'memory'
      ? { secretStore: new MemorySecretStore(), teamSecrets: memoryKeychain() }
      : env.SEEDBANK_KEYCHAIN === 'none'
        ? { secretStore: null }
        : {}),
  });
  const host = await startWebHost({
    dispatch: core.dispatch,
    bus: core.ctx.bus,
    libraryRoot: home,
    watched: () => core.library.watched.roots(),
    prepareAsset: (raw) => core.assets.prepare(raw),
    team: () => core.assets.team(),
    rendererDir,
    port,
    token,
  });
  process.stdout.write(`Seedbank web host: ${host.url}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write(`Seedbank web host failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
