/**
 * The scale curve as the README shows it: a small table between `<!-- scale:start -->` and
 * `<!-- scale:end -->`, and `bench/scale.svg`, a chart drawn from the same figures.
 */
import fs from 'node:fs';
import type { ScalePoint } from './library-scale';

const r1 = (value: number) => Math.round(value * 10) / 10;
const mb = (bytes: number) => bytes / 1024 / 1024;
const count = (images: number) => images.toLocaleString('en');

/** The targets at the largest size, and memory from the second largest to the largest. */
export function scaleTargets(points: readonly ScalePoint[]) {
  const largest = points.at(-1);
  const before = points.at(-2);
  const memoryRatio = largest && before ? largest.peakRssMb / before.peakRssMb : null;
  return {
    largest,
    memoryRatio,
    openOk: largest !== undefined && largest.openFirstPageMs <= 100,
    searchOk: largest !== undefined && largest.searchMedianMs <= 50,
    memoryOk: memoryRatio !== null && memoryRatio <= 1.5,
  };
}

/** A row of the README's bench table (scripts/bench.mjs prints these). */
export interface BenchRow {
  metric: string;
  value: number | string;
  unit: string;
  target: string;
  ok: boolean;
  baseline?: number | null;
  ratio?: number | null;
}

/** Rows for the bench table (README): the targets the issue sets at 1,000,000. */
export function scaleRows(points: readonly ScalePoint[]): BenchRow[] {
  const { largest, memoryRatio, openOk, searchOk, memoryOk } = scaleTargets(points);
  if (!largest) return [];
  const at = count(largest.images);
  const before = points.at(-2);
  return [
    {
      metric: `scale: open + first page (${at} images)`,
      value: r1(largest.openFirstPageMs),
      unit: 'ms',
      target: '≤ 100 ms',
      ok: openOk,
    },
    {
      metric: `scale: full-text search, median (${at} images) — baseline: raw FTS5 query`,
      value: r1(largest.searchMedianMs),
      baseline: r1(largest.rawFtsMedianMs),
      ratio: Math.round((largest.searchMedianMs / largest.rawFtsMedianMs) * 100) / 100,
      unit: 'ms',
      target: '≤ 50 ms',
      ok: searchOk,
    },
    {
      metric: `scale: peak RSS ${before ? `${count(before.images)} → ` : ''}${at} images`,
      value: before ? `${r1(before.peakRssMb)} → ${r1(largest.peakRssMb)}` : r1(largest.peakRssMb),
      unit: 'MB',
      ...(memoryRatio !== null ? { ratio: Math.round(memoryRatio * 100) / 100 } : {}),
      target: '≤ 1.5×',
      ok: memoryOk,
    },
  ];
}

export function scaleTable(points: readonly ScalePoint[]): string {
  const head = [
    '| images | open + first page | search, median (raw FTS5) | count of a search | filter + sort page | insert one | database on disk | peak RSS | built in |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = points.map(
    (p) =>
      `| ${count(p.images)} | ${r1(p.openFirstPageMs)} ms | ${r1(p.searchMedianMs)} ms (${r1(p.rawFtsMedianMs)}) | ${r1(p.searchCountMedianMs)} ms | ${r1(p.filterSortPageMs)} ms | ${r1(p.insertMs)} ms | ${r1(mb(p.databaseBytes))} MB | ${r1(p.peakRssMb)} MB | ${p.buildMs === null ? '' : `${r1(p.buildMs / 1000)} s`} |`,
  );
  return [...head, ...rows].join('\n');
}

/** Replaces the text between the scale markers in the README; false when the markers are missing. */
export function writeScaleTable(readmePath: string, points: readonly ScalePoint[], stamp: string): boolean {
  if (!fs.existsSync(readmePath)) return false;
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = '<!-- scale:start -->';
  const end = '<!-- scale:end -->';
  if (!readme.includes(start) || !readme.includes(end)) return false;
  const body = `${start}\n${stamp}\n\n${scaleTable(points)}\n${end}`;
  fs.writeFileSync(readmePath, readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), body));
  return true;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Series {
  label: string;
  colour: string;
  values: number[];
}

/**
 * One panel: sizes on a log axis (each size a tenfold step), values on a log axis too, since
 * the measures span 1 to 1000 ms; a dashed line per target.
 */
function panel(
  x0: number,
  title: string,
  unit: string,
  sizes: readonly number[],
  series: readonly Series[],
  targets: readonly { value: number; label: string }[],
): string {
  const width = 330;
  const height = 230;
  const top = 40;
  const left = x0 + 50;
  const plotW = width - 85;
  const plotH = height - 70;
  const all = [...series.flatMap((s) => s.values), ...targets.map((t) => t.value)].filter((v) => v > 0);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...all))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all))));
  const y = (v: number) =>
    top + plotH - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotH;
  const x = (i: number) => left + (sizes.length === 1 ? plotW / 2 : (i / (sizes.length - 1)) * plotW);
  const parts: string[] = [];
  parts.push(`<text x="${x0 + 10}" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`);
  for (let decade = lo; decade <= hi; decade *= 10) {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(decade)}" y2="${y(decade)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y(decade) + 4}" font-size="11" text-anchor="end">${decade >= 1 ? decade : decade.toPrecision(1)} ${unit}</text>`,
    );
  }
  sizes.forEach((size, i) => {
    parts.push(
      `<text x="${x(i)}" y="${top + plotH + 18}" font-size="11" text-anchor="middle">${escape(count(size))}</text>`,
    );
  });
  parts.push(`<text x="${left + plotW / 2}" y="${top + plotH + 34}" font-size="11" text-anchor="middle">images</text>`);
  for (const target of targets) {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(target.value)}" y2="${y(target.value)}" stroke="#c33" stroke-dasharray="4 3"/>`,
      `<text x="${left + plotW}" y="${y(target.value) - 4}" font-size="10" fill="#c33" text-anchor="end">${escape(target.label)}</text>`,
    );
  }
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    s.values.forEach((v, i) =>
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.colour}"/>`),
    );
    const ly = top + plotH + 50 + Math.floor(k / 2) * 16;
    const lx = x0 + 20 + (k % 2) * 160;
    parts.push(
      `<line x1="${lx}" x2="${lx + 16}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2"/>`,
      `<text x="${lx + 22}" y="${ly}" font-size="11">${escape(s.label)}</text>`,
    );
  });
  return parts.join('\n  ');
}

/** The chart: time per operation on the left, memory and database size on the right. */
export function scaleSvg(points: readonly ScalePoint[], stamp: string): string {
  const sizes = points.map((p) => p.images);
  const times = panel(
    0,
    'Time per operation (median)',
    'ms',
    sizes,
    [
      { label: 'open + first page', colour: '#1f77b4', values: points.map((p) => p.openFirstPageMs) },
      { label: 'search page', colour: '#ff7f0e', values: points.map((p) => p.searchMedianMs) },
      { label: 'raw FTS5 query', colour: '#aaa', values: points.map((p) => p.rawFtsMedianMs) },
      { label: 'filter + sort page', colour: '#2ca02c', values: points.map((p) => p.filterSortPageMs) },
      { label: 'insert one', colour: '#9467bd', values: points.map((p) => p.insertMs) },
      { label: 'count of a search', colour: '#8c564b', values: points.map((p) => p.searchCountMedianMs) },
    ],
    [
      { value: 100, label: 'open target 100 ms' },
      { value: 50, label: 'search target 50 ms' },
    ],
  );
  const memory = panel(
    350,
    'Memory and disk',
    'MB',
    sizes,
    [
      { label: 'peak RSS', colour: '#d62728', values: points.map((p) => p.peakRssMb) },
      { label: 'database on disk', colour: '#17becf', values: points.map((p) => mb(p.databaseBytes)) },
    ],
    [],
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="340" viewBox="0 0 700 340" font-family="sans-serif">
  <rect width="700" height="340" fill="#fff"/>
  ${times}
  ${memory}
  <text x="10" y="334" font-size="10" fill="#666">${escape(stamp)}</text>
</svg>
`;
}
