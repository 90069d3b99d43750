/**
 * The checks every front door can run on its open core: the keychain and the key (never the
 * key itself), the app-data folder (where, writable, free space), the database (quick_check,
 * FTS5) and the log file; with `online`, the API host, the key's validity and the credits.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SeedbankError } from '../../../shared/errors';
import type { DiagnosticCheck } from '../../../shared/diagnostics';
import type { CoreContext } from '../context';
import { hasFts5 } from '../library/db/database';

/** Below this much free space a few batches of large images can fill the disk. */
export const MIN_FREE_BYTES = 500 * 1024 * 1024;
/** How long the API host may take to answer the reachability probe. */
const HOST_TIMEOUT_MS = 10_000;

export interface CoreCheckDeps {
  ctx: CoreContext;
  /** The `credits:get` handler: the one place that calls BFL's credits endpoint with the key. */
  credits: () => Promise<{ credits: number }>;
  minFreeBytes?: number;
  /** The team library's line (connected, or why it was refused); null for this computer's library. */
  library?: () => DiagnosticCheck | null;
}

const check = (id: string, label: string, ok: boolean, detail: string, fix: string | null = null): DiagnosticCheck => ({
  id,
  label,
  ok,
  detail,
  fix: ok ? null : fix,
});

/** One line: the error and, for a failed fetch, its cause (`connect ECONNREFUSED …`). */
function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${text}${cause}`.replace(/\s+/g, ' ').trim();
}
const megabytes = (bytes: number) => `${Math.floor(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;

async function keyChecks(ctx: CoreContext): Promise<DiagnosticCheck[]> {
  const status = await ctx.keys.status();
  const keychain = status.keychainAvailable
    ? check('keychain', 'OS keychain', true, 'reachable')
    : check(
        'keychain',
        'OS keychain',
        // With BFL_API_KEY in the environment nothing is missing: the keychain is not needed.
        status.source === 'env' || status.source === 'session',
        status.message ?? 'not reachable',
        'Start your desktop keychain (on Linux: gnome-keyring or KWallet in a D-Bus session), or set BFL_API_KEY.',
      );
  const source =
    status.source === 'env'
      ? 'from BFL_API_KEY'
      : status.source === 'session'
        ? 'for this session only'
        : 'in the keychain';
  const key = check(
    'key',
    'API key',
    status.hasKey,
    status.hasKey ? `set, ${source}` : 'not set',
    'Add it in Settings, or run `seedbank key set < key.txt`, or set BFL_API_KEY.',
  );
  return [keychain, key];
}

function folderChecks(ctx: CoreContext, minFreeBytes: number): DiagnosticCheck[] {
  const home = ctx.paths.home;
  let writable: DiagnosticCheck;
  const probe = path.join(home, `.doctor-${randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, 'seedbank doctor');
    fs.rmSync(probe, { force: true });
    writable = check('app-data', 'App-data folder', true, `${home} (writable)`);
  } catch (err) {
    writable = check(
      'app-data',
      'App-data folder',
      false,
      `${home}: ${message(err)}`,
      'Make the folder writable for your user, or point SEEDBANK_HOME at one that is.',
    );
  }
  let space: DiagnosticCheck;
  try {
    const stats = fs.statfsSync(home);
    const free = stats.bavail * stats.bsize;
    space = check(
      'disk-space',
      'Free disk space',
      free >= minFreeBytes,
      `${megabytes(free)} free`,
      `Free some space (at least ${megabytes(minFreeBytes)}), or move the library with SEEDBANK_HOME (see docs/desktop.md).`,
    );
  } catch (err) {
    space = check('disk-space', 'Free disk space', false, message(err), 'Check that the app-data folder exists.');
  }
  return [writable, space];
}

function databaseChecks(ctx: CoreContext): DiagnosticCheck[] {
  let integrity: DiagnosticCheck;
  try {
    const rows = ctx.db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    integrity = check(
      'database',
      'Library database',
      problems.length === 0,
      problems.length === 0 ? `${ctx.paths.database} (quick_check ok)` : `${problems.length} problems: ${problems[0]}`,
      'Quit Seedbank, move library.db aside and run `seedbank rebuild`: the images hold every record.',
    );
  } catch (err) {
    integrity = check(
      'database',
      'Library database',
      false,
      message(err),
      'Run `seedbank rebuild` with the app closed.',
    );
  }
  const fts = hasFts5(ctx.db);
  return [
    integrity,
    check(
      'fts5',
      'Full-text search (FTS5)',
      fts,
      fts ? 'available' : 'missing in this SQLite',
      'Use Node 24 or the packaged app (both ship SQLite with FTS5); search falls back to a slow scan.',
    ),
  ];
}

function logCheck(ctx: CoreContext): DiagnosticCheck {
  const file = ctx.logger.file;
  return check(
    'log',
    'Log file',
    Boolean(file),
    file ?? 'not written (no log file could be opened)',
    'Make the logs/ folder in the app-data folder writable.',
  );
}

async function onlineChecks(ctx: CoreContext, credits: CoreCheckDeps['credits']): Promise<DiagnosticCheck[]> {
  const apiBase = ctx.settings.apiBase();
  const host = new URL(apiBase).host;
  let reachable: DiagnosticCheck;
  try {
    // Any HTTP answer means the host is reachable; no key is sent with this probe.
    const response = await ctx.fetch(apiBase, { method: 'GET', signal: AbortSignal.timeout(HOST_TIMEOUT_MS) });
    await response.body?.cancel();
    reachable = check('api-host', 'API host', true, `${host} answered (HTTP ${response.status})`);
  } catch (err) {
    reachable = check(
      'api-host',
      'API host',
      false,
      `${host}: ${message(err)}`,
      'Check the network, a proxy (HTTPS_PROXY) or the region in Settings; the library works offline meanwhile.',
    );
  }
  if (!reachable.ok) {
    const skipped = 'not checked: the API host is unreachable';
    return [
      reachable,
      check('key-valid', 'API key accepted', false, skipped, 'Fix the connection first.'),
      check('credits', 'Credits', false, skipped, 'Fix the connection first.'),
    ];
  }
  try {
    const { credits: balance } = await credits();
    return [
      reachable,
      check('key-valid', 'API key accepted', true, 'BFL accepted the key'),
      check('credits', 'Credits', balance > 0, `${balance} credits`, 'Buy credits at https://dashboard.bfl.ai/.'),
    ];
  } catch (err) {
    const code = err instanceof SeedbankError ? err.code : null;
    const keyProblem = code === 'KEY_MISSING' || code === 'KEY_REJECTED';
    return [
      reachable,
      check(
        'key-valid',
        'API key accepted',
        false,
        message(err),
        keyProblem ? 'Set a valid key in Settings or with `seedbank key set`.' : 'Try again; see the log for details.',
      ),
      check('credits', 'Credits', false, 'not checked: the key was not accepted', 'Fix the key first.'),
    ];
  }
}

export async function coreChecks(deps: CoreCheckDeps, options: { online: boolean }): Promise<DiagnosticCheck[]> {
  const { ctx } = deps;
  const checks = [
    ...(await keyChecks(ctx)),
    ...folderChecks(ctx, deps.minFreeBytes ?? MIN_FREE_BYTES),
    ...databaseChecks(ctx),
    logCheck(ctx),
  ];
  const library = deps.library?.() ?? null;
  if (library) checks.push(library);
  if (options.online) checks.push(...(await onlineChecks(ctx, deps.credits)));
  return checks;
}
