import fs from 'node:fs';

/**
 * This process's peak RSS in bytes. Not `resourceUsage().maxRSS`: Linux keeps that across exec, so
 * a child spawned by a big parent starts with the parent's peak. VmHWM belongs to the process's own
 * memory map, made new at exec. Elsewhere, the RSS now (measured after the work).
 */
export function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss;
}

/**
 * The same rule as a CommonJS preload (`node -r`), for child processes that are not ours to edit:
 * it writes the child's peak RSS in kB to `SEEDBANK_RSS_FILE` when the child exits.
 */
export const PEAK_RSS_PRELOAD = `process.on('exit', () => {
  const fs = require('fs');
  let kb = Math.round(process.memoryUsage().rss / 1024);
  try {
    const match = /VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) kb = Number(match[1]);
  } catch {}
  fs.writeFileSync(process.env.SEEDBANK_RSS_FILE, String(kb));
});
`;
