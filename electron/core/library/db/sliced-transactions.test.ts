import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database';
import { inSlicedTransactions } from './sliced-transactions';

describe('inSlicedTransactions', () => {
  let dir: string;
  let db: Database;

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function open(): Database {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-sliced-'));
    db = openDatabase(path.join(dir, 'library.db'), { migrate: false });
    db.exec('CREATE TABLE items (n INTEGER)');
    return db;
  }

  it('answers a request that arrives during long work before the work ends, and saves every item', async () => {
    const db = open();
    const insert = db.prepare('INSERT INTO items (n) VALUES (?)');
    const items = Array.from({ length: 50 }, (_, i) => i);
    let savedWhenAnswered: number | null = null;
    // A request arriving while the work runs (as an IPC or WebSocket message would).
    setImmediate(() => {
      savedWhenAnswered = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    });
    // A zero-length slice: one item per transaction, so the loop turns between every two.
    await inSlicedTransactions(db, items, (n) => insert.run(n), 0);
    expect(savedWhenAnswered).not.toBeNull();
    expect(savedWhenAnswered).toBeGreaterThan(0);
    expect(savedWhenAnswered).toBeLessThan(items.length);
    expect((db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n).toBe(items.length);
  });
});
