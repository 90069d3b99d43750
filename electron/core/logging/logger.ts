/**
 * A small rotating JSON-lines log in the app-data folder: what was sent where, status codes,
 * timings, errors. Every line passes through redaction first. When `seedbank.log` passes
 * `maxBytes` it becomes `seedbank.1.log` (older ones shift up to `keep`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { redactText, redactValue } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  readonly file: string | null;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface FileLoggerOptions {
  directory: string;
  name?: string;
  maxBytes?: number;
  keep?: number;
  /** Also echo warnings and errors to stderr (the CLI turns this off to keep stderr clean). */
  echo?: boolean;
  now?: () => Date;
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const name = options.name ?? 'seedbank';
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(options.directory, { recursive: true });
  const file = path.join(options.directory, `${name}.log`);
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;

  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      const from = path.join(options.directory, `${name}.${i}.log`);
      if (fs.existsSync(from)) fs.renameSync(from, path.join(options.directory, `${name}.${i + 1}.log`));
    }
    fs.renameSync(file, path.join(options.directory, `${name}.1.log`));
    size = 0;
  };

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const entry = {
      t: now().toISOString(),
      level,
      msg: redactText(message),
      ...(fields ? (redactValue(fields) as object) : {}),
    };
    const line = `${JSON.stringify(entry)}\n`;
    try {
      if (size + line.length > maxBytes && size > 0) rotate();
      fs.appendFileSync(file, line);
      size += Buffer.byteLength(line);
    } catch {
      // A log that cannot be written must never break generation.
    }
    if (options.echo && (level === 'warn' || level === 'error')) process.stderr.write(line);
  };

  return {
    file,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** For tests and tools that want no log file. */
export const silentLogger: Logger = {
  file: null,
  debug() {},
  info() {},
  warn() {},
  error() {},
};
