/**
 * `app:diagnostics`: the doctor's checks through the contract, so the packaged app (which has no
 * CLI) shows them under Help → Diagnostics. The online checks run only when asked for.
 */
import type { Handlers } from '../../../shared/api';
import type { DiagnosticsReport } from '../../../shared/diagnostics';
import { coreChecks, type CoreCheckDeps } from './core-checks';

export async function runDiagnostics(deps: CoreCheckDeps, online: boolean): Promise<DiagnosticsReport> {
  const checks = await coreChecks(deps, { online });
  return { ok: checks.every((c) => c.ok), online, checks };
}

export function createDiagnosticsHandlers(deps: CoreCheckDeps): Pick<Handlers, 'app:diagnostics'> {
  return { 'app:diagnostics': ({ online }) => runDiagnostics(deps, online) };
}
