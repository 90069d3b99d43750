/**
 * What a command loads, seen from inside the process: a resolve hook records every module
 * the built CLI pulls in, and `process.getBuiltinModule` every builtin it takes that way (the
 * one-file build takes builtins so, when the module using them first runs). `--version` loads none of the heavy parts; `key status` only the
 * keychain; `history` the database but no image code, HTTP client, settings store or keychain.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, cliEnv, finished, startCli, tempHome } from './cli-harness';

let scratch: string;
let home: string;
let hook: string;

const HEAVY = [
  'sharp',
  'undici',
  'conf',
  'trash',
  'node:sqlite',
  'node:zlib',
  '@napi-rs/keyring',
  'pg',
  'chokidar',
  // Loads worker_threads and more; only the spend guard needs it (at submit).
  'node:util',
] as const;

/** The packages and builtins (of HEAVY) a run of the CLI loaded. */
async function loaded(args: string[]): Promise<string[]> {
  const out = path.join(scratch, `loaded-${args.join('-')}.txt`);
  const env = { ...cliEnv({ home, apiBase: 'http://127.0.0.1:9' }), SEEDBANK_LOADED_FILE: out };
  const result = await finished(startCli(args, env, [process.execPath, '--import', hook, BIN]));
  expect(result.code, result.stderr).toBe(0);
  const urls = fs.readFileSync(out, 'utf8').split('\n');
  return HEAVY.filter((name) =>
    name.startsWith('node:') ? urls.includes(name) : urls.some((u) => u.includes(`/node_modules/${name}/`)),
  );
}

beforeAll(async () => {
  buildCli();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-cli-load-'));
  home = tempHome();
  hook = path.join(scratch, 'record-loads.mjs');
  fs.writeFileSync(
    hook,
    `import fs from 'node:fs';
import module from 'node:module';
const seen = new Set();
module.registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.add(r.url); return r; } });
const getBuiltinModule = process.getBuiltinModule.bind(process);
process.getBuiltinModule = (id) => { seen.add(id.startsWith('node:') ? id : 'node:' + id); return getBuiltinModule(id); };
process.on('exit', () => fs.writeFileSync(process.env.SEEDBANK_LOADED_FILE, [...seen].join('\\n')));
`,
  );
});
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

describe('what a command loads', () => {
  it('--version loads none of the heavy modules', async () => {
    expect(await loaded(['--version'])).toEqual([]);
  });

  it('key status loads the keychain only: no database, image code, HTTP client or settings store', async () => {
    expect(await loaded(['key', 'status'])).toEqual(['@napi-rs/keyring']);
  });

  it('history opens the database but loads no image code, HTTP client, settings store or keychain', async () => {
    expect(await loaded(['history'])).toEqual(['node:sqlite']);
  });
});
