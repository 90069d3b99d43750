/** The chaos run's figures as lines for people, and the problems found, check by check. */
import { CHECKS } from './chaos-audit';
import type { ChaosResult } from './chaos-run';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ') || 'none';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** At most this many examples per failed check. */
const EXAMPLES = 5;

export function formatChaos(result: ChaosResult): string {
  const { config, audit, kills } = result;
  const f = audit.figures;
  const lines = [
    `chaos run, seed ${config.seed}: ${f.jobs} jobs (${config.batches} batches of ${config.jobsPerBatch}) in ${result.cliRuns} CLI runs, ${(result.elapsedMs / 1000).toFixed(1)} s`,
    `faults injected: ${sum(result.faults)} (${list(result.faults)}); slow answers the CLI timed out on: ${result.slowTimedOut}`,
    `kills: ${sum(kills)} of ${result.killsPlanned} planned (${list(kills)}); CLI runs that hung: ${result.hungRuns.length}`,
    `BFL tasks created: ${f.tasksCreated}; duplicate submits: ${f.duplicateSubmits}`,
    `paid results lost: ${f.resultsLost}; accepted but unknown to the library: ${f.acceptedUnknown} (shown as unknown jobs: ${f.acceptedUnknownShown}); unknown jobs BFL never saw: ${(f.statuses.unknown ?? 0) - f.acceptedUnknownShown}`,
    `jobs by state: ${list(f.statuses)}; unfinished: ${f.unfinished}`,
    `files: ${f.storedFiles} stored, pixels equal to the delivery: ${f.pixelsEqual}; orphan files: ${f.orphanFiles}; rows without files: ${f.rowsWithoutFiles}; hidden temp leftovers: ${f.tempLeftovers}`,
    `worker deaths in the log: ${f.workerDeaths}`,
  ];
  for (const check of CHECKS) {
    const problems = audit.problems[check];
    if (problems.length === 0) continue;
    lines.push(`✗ ${check}: ${problems.length}`);
    for (const problem of problems.slice(0, EXAMPLES)) lines.push(`    ${problem}`);
    if (problems.length > EXAMPLES) lines.push(`    … and ${problems.length - EXAMPLES} more`);
  }
  for (const note of audit.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

export function failedChecks(result: ChaosResult): string[] {
  return CHECKS.filter((check) => result.audit.problems[check].length > 0);
}

/** The figures as the README's table (between `<!-- chaos:start -->` and `<!-- chaos:end -->`). */
export function chaosTable(result: ChaosResult, date: Date, cpus: number, node: string): string {
  const f = result.audit.figures;
  const shown = `${f.acceptedUnknown} (${f.acceptedUnknownShown} shown as \`unknown\` jobs)`;
  const rows: [string, string][] = [
    ['jobs run', `${f.jobs} in ${result.cliRuns} CLI runs, ${Math.round(result.elapsedMs / 1000)} s`],
    [
      'faults injected',
      `${sum(result.faults)}: ${list(result.faults)} (the CLI's own timeout fired on ${result.slowTimedOut} slow answers)`,
    ],
    ['kills survived (SIGKILL, then `seedbank resume`)', `${sum(result.kills)}: ${list(result.kills)}`],
    ['CLI runs that hung', String(result.hungRuns.length)],
    ['duplicate submits', String(f.duplicateSubmits)],
    ['paid results lost', String(f.resultsLost)],
    ['billed tasks the library never learnt of (kill between answer and commit)', shown],
    ['jobs left `unknown` in all (a person decides; most never reached BFL)', String(f.statuses.unknown ?? 0)],
    ['jobs left unfinished', String(f.unfinished)],
    ['orphan files / rows without files', `${f.orphanFiles} / ${f.rowsWithoutFiles}`],
    ['stored images whose pixels equal the delivery', `${f.pixelsEqual} of ${f.storedFiles}`],
  ];
  return [
    `Seed ${result.config.seed}, measured ${date.toISOString().slice(0, 10)} on ${cpus} cores, Node ${node}.`,
    '',
    '| measure | result |',
    '|---|---|',
    ...rows.map(([measure, value]) => `| ${measure} | ${value} |`),
  ].join('\n');
}
