/**
 * What `seedbank doctor` and Help → Diagnostics report: one line per check, ✓ or ✗, and for a ✗
 * one line of what to do. The same core checks serve both; the CLI adds its own (Node, Electron).
 */
export interface DiagnosticCheck {
  /** Stable, for scripts: `keychain`, `key`, `app-data`, `database`, `fts5`, `log`, `api-host`, … */
  id: string;
  /** What was checked, for people. */
  label: string;
  ok: boolean;
  /** What was found (a path, a number, the error), one line. Never the key. */
  detail: string;
  /** One line of what to do when `ok` is false; null when there is nothing to do. */
  fix: string | null;
}

export interface DiagnosticsReport {
  /** True when no check failed. */
  ok: boolean;
  /** Whether the online checks (API host, key, credits) were run. */
  online: boolean;
  checks: DiagnosticCheck[];
}
