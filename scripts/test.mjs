// `npm test`: every check Seedbank has, ending with one line `N passed, M failed`.
// 1. finds the system packages the tests need (Chromium, a D-Bus session bus, gnome-keyring,
//    exiftool, PostgreSQL for the team library) or, run as root on Debian/Ubuntu, installs them with apt; elsewhere it stops with
//    the one command to run;
// 2. typechecks, lints and builds (main, preload, renderer, CLI, web host), then packages the
//    app and checks the package (`npm run package:check`);
// 3. runs every vitest suite (unit + browser e2e; Electron e2e where a binary is installed)
//    and sums them, counting typecheck, lint and build as one check each;
// 4. checks that the tests left nothing in their temp directory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`Seedbank needs Node 24 or newer (this is ${process.version}). See .nvmrc.`);
  process.exit(1);
}

// command → Debian package that provides it
const SYSTEM_NEEDS = [
  ['chromium', 'chromium'],
  ['dbus-daemon', 'dbus'],
  ['dbus-send', 'dbus'],
  ['gnome-keyring-daemon', 'gnome-keyring'],
  ['exiftool', 'libimage-exiftool-perl'],
];

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

// PostgreSQL's server programs are not on PATH on Debian: they sit in /usr/lib/postgresql/<version>/bin
// (test/support/postgres.ts looks there too).
const hasPostgresServer = () =>
  has('initdb') ||
  (fs.existsSync('/usr/lib/postgresql') &&
    fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)));

function ensureSystemPackages() {
  const missing = [...new Set(SYSTEM_NEEDS.filter(([command]) => !has(command)).map(([, pkg]) => pkg))];
  if (!hasPostgresServer()) missing.push('postgresql');
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    console.log(`Installing system packages the tests need: ${missing.join(', ')}`);
    const result = spawnSync('sh', ['-c', command], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status === 0) return;
    console.error('apt-get failed; see above.');
  } else {
    console.error(`These system packages are needed for the tests: ${missing.join(', ')}.`);
    console.error(has('apt-get') ? `Run: sudo sh -c '${command}'` : 'Install them with your system package manager.');
  }
  process.exit(1);
}

const counts = { passed: 0, failed: 0, skipped: 0 };

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status === 0) counts.passed += 1;
  else {
    counts.failed += 1;
    console.error(`✗ ${name} failed`);
  }
  return result.status === 0;
}

ensureSystemPackages();
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
step('typecheck', bin('tsc'), ['-p', 'tsconfig.node.json']);
step('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json']);
step('typecheck (e2e)', bin('tsc'), ['-p', 'tsconfig.e2e.json']);
step('lint', bin('eslint'), ['.']);
step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
const built = step('build', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
// The packaged app (electron-builder --dir with a stand-in Electron, no downloads), before vitest
// so it packs the out/ just built while nothing else writes to it.
if (built) step('package check', process.execPath, [path.join(root, 'scripts', 'package-check.mjs'), '--no-build']);
else {
  counts.failed += 1;
  console.error('✗ package check skipped: the build failed');
}

// The tests get a temp directory of their own (TMPDIR for vitest and everything it starts:
// the CLI, the web host, Chromium, Electron, D-Bus, gnome-keyring), so what they leave behind can
// be told apart from what other programs on the machine write to the shared one at the same time.
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-test-run-'));
const testTmp = path.join(runDir, 'tmp');
fs.mkdirSync(testTmp);
// The team library tests run PostgreSQL as the `postgres` user (initdb refuses root) in a folder
// under testTmp: it must be able to pass through (o+x, not list).
fs.chmodSync(runDir, 0o711);
fs.chmodSync(testTmp, 0o711);
const tempBefore = new Set(fs.readdirSync(testTmp));
const report = path.join(runDir, 'vitest.json');
console.log('\n▶ vitest (unit + e2e)');
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  {
    stdio: 'inherit',
    env: { ...process.env, SEEDBANK_BUILT: built ? '1' : '0', TMPDIR: testTmp, TMP: testTmp, TEMP: testTmp },
  },
);
if (fs.existsSync(report)) {
  const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
  counts.passed += summary.numPassedTests ?? 0;
  counts.failed += summary.numFailedTests ?? 0;
  counts.skipped += (summary.numPendingTests ?? 0) + (summary.numTodoTests ?? 0);
  // A file that fails to load has no failed test but is a failure all the same.
  const brokenFiles = (summary.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).every((a) => a.status !== 'failed'),
  ).length;
  counts.failed += brokenFiles;
} else {
  counts.failed += 1;
  console.error(`vitest produced no report (exit ${vitest.status})`);
}

// Last check: every test removes what it made (test/support/temp.ts), so the temp directory
// holds after the run exactly what it held before.
console.log('\n▶ temp directory left clean');
const leftBehind = fs.readdirSync(testTmp).filter((entry) => !tempBefore.has(entry));
if (leftBehind.length === 0) counts.passed += 1;
else {
  counts.failed += 1;
  console.error(`✗ the tests left ${leftBehind.length} entries in the temp directory:`);
  for (const entry of leftBehind.sort()) console.error(`  ${entry}`);
}
fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 5 });

console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(counts.failed === 0 ? 0 : 1);
