// Run by package-check.mjs as a child process, under plain Node:
//   node load-packed-main.mjs <extracted app folder> <app version>
// with SEEDBANK_HOME at an empty temporary folder and node_modules/electron replaced by the stub
// (electron-stub.mjs). Imports the packed main bundle — so every import must resolve from the
// archive's own node_modules — and waits until main has started the core and opened its
// window, or reported a start failure. Prints one JSON line: { ok, error?, channels, tables }.
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

const [appDir, version] = process.argv.slice(2);
let settle;
const outcome = new Promise((resolve) => {
  settle = resolve;
});
globalThis.__seedbankElectronStub = {
  version,
  calls: [],
  channels: [],
  windowOpened: () => settle({ ok: true }),
  failed: (error) => settle({ ok: false, error }),
};

function report(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(result.ok ? 0 : 1);
}

process.on('uncaughtException', (error) => report({ ok: false, error: `uncaught: ${error.stack ?? error}` }));
process.on('unhandledRejection', (error) =>
  report({ ok: false, error: `unhandled rejection: ${error?.stack ?? error}` }),
);

try {
  await import(pathToFileURL(path.join(appDir, 'out', 'main', 'main.js')).href);
} catch (error) {
  report({ ok: false, error: `main bundle failed to load: ${error?.message ?? error}` });
}
const result = await outcome;
const stub = globalThis.__seedbankElectronStub;
let tables = [];
let integrity = null;
try {
  const db = new DatabaseSync(path.join(process.env.SEEDBANK_HOME, 'library.db'), { readOnly: true });
  tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
    .all()
    .map((row) => row.name);
  integrity = db.prepare('PRAGMA quick_check').get()?.quick_check ?? null;
  db.close();
} catch (error) {
  result.ok = false;
  result.error = `the core did not create its database: ${error.message}`;
}
report({ ...result, channels: stub.channels, tables, integrity });
