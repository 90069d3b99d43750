import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embedRecord } from '../../metadata';
import { readLibraryFile } from './index-file';
import { reconcileLibrary } from './reconcile';
import {
  addImages,
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

describe('reconcile', () => {
  it('indexes an image file that appeared in the folder from its embedded record', async () => {
    t = await openTestLibrary();
    const record = makeRecord({ prompt: 'dropped in by hand', projectName: 'Found' });
    const bytes = embedRecord(await makeImageBytes(), record, { creatorTool: 'test' });
    fs.mkdirSync(path.join(t.home, 'images', '2026-11'), { recursive: true });
    fs.writeFileSync(path.join(t.home, 'images', '2026-11', `${record.id}.jpg`), bytes);
    const result = await t.library.reconcile();
    expect(result.done).toBe(1);
    expect(t.library.getGeneration(record.id)).toMatchObject({ prompt: 'dropped in by hand', missing: false });
    expect(t.library.projects.list().projects.map((p) => p.name)).toEqual(['Found']);
  });

  it('marks a row whose file is gone as missing, keeps it, and clears the mark when the file is back', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const file = path.join(t.home, t.library.getGeneration(id)!.file);
    const aside = `${file}.aside`;
    fs.renameSync(file, aside);
    await t.library.reconcile();
    expect(t.library.getGeneration(id)?.missing).toBe(true);
    fs.renameSync(aside, file);
    await t.library.reconcile();
    expect(t.library.getGeneration(id)?.missing).toBe(false);
  });

  it('tells the windows to reload only when it changed a row', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    await t.library.whenIdle();
    const reloads = () => t.events.filter((e) => e.channel === 'library:changed' || e.channel === 'projects:changed');
    const before = reloads().length;
    await t.library.reconcile();
    expect(reloads()).toHaveLength(before);
    fs.rmSync(path.join(t.home, t.library.getGeneration(id)!.file));
    await t.library.reconcile();
    expect(reloads().map((e) => e.channel)).toEqual([
      ...reloads()
        .slice(0, before)
        .map((e) => e.channel),
      'library:changed',
      'projects:changed',
    ]);
  });

  it('remakes a thumbnail that was deleted', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const thumb = path.join(t.home, 'thumbs', `${id}.webp`);
    fs.rmSync(thumb);
    await t.library.reconcile();
    await t.library.whenIdle();
    expect(fs.existsSync(thumb)).toBe(true);
  });

  it('reads a file again when another tool changed it', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const file = path.join(t.home, t.library.getGeneration(id)!.file);
    const edited = embedRecord(
      fs.readFileSync(file),
      { ...makeRecord({ id }), createdAt: '2026-11-03T12:00:00.000Z', rating: 5, tags: ['edited'] },
      {
        creatorTool: 'another tool',
      },
    );
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    await t.library.reconcile();
    expect(t.library.getGeneration(id)).toMatchObject({ rating: 5, tags: ['edited'] });
  });

  it('opens only the files that are new or whose size or time changed', async () => {
    t = await openTestLibrary();
    const ids = await addImages(t, 4);
    const fileOf = (id: string) => t.library.getGeneration(id)!.file;
    // Edited in place by another tool: same folder, same name, new bytes and time.
    const edited = path.join(t.home, fileOf(ids[1]!));
    fs.appendFileSync(edited, Buffer.alloc(16));
    fs.utimesSync(edited, new Date(), new Date(Date.now() + 5_000));
    // Dropped in by hand.
    const record = makeRecord({ prompt: 'new in the folder' });
    const dropped = path.join(t.home, 'images', '2026-11', `${record.id}.jpg`);
    fs.mkdirSync(path.dirname(dropped), { recursive: true });
    fs.writeFileSync(dropped, embedRecord(await makeImageBytes(), record, { creatorTool: 'test' }));

    const opened: string[] = [];
    const deps = {
      db: t.ctx.db,
      home: t.home,
      now: () => t.clock.now,
      logger: t.ctx.logger,
      readFile: (...args: Parameters<typeof readLibraryFile>) => {
        opened.push(args[2]);
        return readLibraryFile(...args);
      },
    };
    const reporter = { signal: new AbortController().signal, progress: () => {} };
    await reconcileLibrary(deps, reporter);
    expect(opened.sort()).toEqual([fileOf(ids[1]!), path.relative(t.home, dropped).split(path.sep).join('/')].sort());
    // Nothing changed since: the next start-up opens nothing.
    opened.length = 0;
    await reconcileLibrary(deps, reporter);
    expect(opened).toEqual([]);
  });

  it('runs at start in the background without being asked', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    fs.rmSync(path.join(t.home, t.library.getGeneration(id)!.file));
    const home = t.home;
    await t.close();
    t = await openTestLibrary(home, { backgroundMaintenance: true });
    await t.library.whenIdle();
    expect(t.library.getGeneration(id)?.missing).toBe(true);
  });

  it('at start removes the hidden temp files of writes cut short a minute ago or more, and nothing else', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const image = path.join(t.home, t.library.getGeneration(id)!.file);
    const month = path.dirname(image);
    const thumbs = path.join(t.home, 'thumbs');
    const minutesAgo = (minutes: number) => new Date(t.clock.now.getTime() - minutes * 60_000);
    const files: [string, Date][] = [
      [path.join(month, `.${id}.jpg.0123456789ab.tmp`), minutesAgo(2)], // a kill mid-write: stale
      [path.join(thumbs, `.${id}.webp.89abcdef.tmp`), minutesAgo(5)], // a thumbnail cut short: stale
      [path.join(month, `.${id}.jpg.ba9876543210.tmp`), minutesAgo(0.25)], // a write still in progress
      [path.join(month, '.notes.tmp'), minutesAgo(60)], // someone else's hidden files
      [path.join(month, '.DS_Store'), minutesAgo(60)],
    ];
    for (const [file, time] of files) {
      fs.writeFileSync(file, 'partial');
      fs.utimesSync(file, time, time);
    }
    const imageBytes = fs.readFileSync(image);
    const home = t.home;
    await t.close();
    t = await openTestLibrary(home, { backgroundMaintenance: true });
    await t.library.whenIdle();
    expect(fs.readdirSync(month).sort()).toEqual(
      ['.DS_Store', `.${id}.jpg.ba9876543210.tmp`, '.notes.tmp', path.basename(image)].sort(),
    );
    expect(fs.readdirSync(thumbs)).toEqual([`${id}.webp`]);
    expect(fs.readFileSync(image)).toEqual(imageBytes);
    expect(t.library.getGeneration(id)?.missing).toBe(false);
  });
});
