import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp';
import { createFileLogger } from './logger';
import { registerSecret } from './redact';

describe('the log file', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('seedbank-log-');
  });

  it('writes one JSON line per entry with time, level and fields', () => {
    const logger = createFileLogger({ directory: dir, now: () => new Date('2026-11-25T10:00:00Z') });
    logger.info('submit', { host: 'api.bfl.ai', status: 200, ms: 41 });
    const lines = fs
      .readFileSync(logger.file ?? '', 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { t: '2026-11-25T10:00:00.000Z', level: 'info', msg: 'submit', host: 'api.bfl.ai', status: 200, ms: 41 },
    ]);
  });

  it('never writes the key or an x-key header', () => {
    registerSecret('super-secret-key-7777');
    const logger = createFileLogger({ directory: dir });
    logger.warn('request failed for super-secret-key-7777', {
      headers: { 'x-key': 'another-key-value', accept: 'application/json' },
      detail: 'sent x-key: inline-key-value',
    });
    const text = fs.readFileSync(logger.file ?? '', 'utf8');
    expect(text).not.toContain('super-secret-key-7777');
    expect(text).not.toContain('another-key-value');
    expect(text).not.toContain('inline-key-value');
    expect(text).toContain('application/json');
  });

  it('rotates when the file grows past its limit, keeping a bounded number of old files', () => {
    const logger = createFileLogger({ directory: dir, maxBytes: 200, keep: 2 });
    for (let i = 0; i < 20; i++) logger.info(`entry number ${i}`, { padding: 'x'.repeat(40) });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['seedbank.1.log', 'seedbank.2.log', 'seedbank.log']);
    expect(fs.readFileSync(path.join(dir, 'seedbank.log'), 'utf8')).toContain('entry number 19');
  });
});
