/**
 * The app shows a team library's images (issue 17): two workstations (two cores, two app-data
 * folders) on one real PostgreSQL and one shared folder; one generates through the BFL emulator,
 * the other serves the image through its web host over real HTTP — the full file read-only from
 * the share, the tile's thumbnail made on demand into its own app-data folder — at the URLs the
 * rows carry, trashed images from the share's trash as the embedded library does, and nothing
 * beside the library's layout.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { GalleryItem } from '../../shared/types';
import { encodeServedPath } from '../../electron/core/served-files/path-grammar';
import { EventBus } from '../../electron/core/events';
import { createToken, startWebHost, type WebHost } from '../../electron/web-host/server';
import { kleinRequest, type TestCore } from '../support/jobs-test-harness';
import { makeTempDir } from '../support/temp';
import { useTeamWorkstations, type TeamLibrary } from '../support/team-workstations';

const team = useTeamWorkstations();
const teamLibrary = () => team.teamLibrary();

/** A workstation with its web host wired as `electron/web-host/main.ts` wires it. */
async function workstation(library: TeamLibrary, person: string): Promise<{ t: TestCore; host: WebHost }> {
  const token = createToken();
  const t = await team.workstation(team.teamSettings(library, person), {
    assetUrl: (relativePath) => `/asset/${token}/${encodeServedPath(relativePath)}`,
  });
  const host = await startWebHost({
    dispatch: t.core.dispatch,
    bus: new EventBus(),
    libraryRoot: t.home,
    watched: () => t.core.library.watched.roots(),
    prepareAsset: (raw) => t.core.assets.prepare(raw),
    team: () => t.core.assets.team(),
    rendererDir: t.home,
    token,
  });
  team.onCleanup(() => host.close());
  return { t, host };
}

async function generate(t: TestCore, prompts: string[]): Promise<string[]> {
  const submitted = await Promise.all(
    prompts.map((prompt) => t.call('jobs:submit', { request: kleinRequest(prompt) })),
  );
  const jobs = await t.core.runner.waitFor(submitted.flatMap((s) => s.jobs.map((j) => j.id)));
  expect(jobs.map((j) => j.status)).toEqual(prompts.map(() => 'done'));
  return jobs.map((j) => j.generationId!);
}

async function get(host: WebHost, urlPath: string, method = 'GET') {
  const response = await fetch(`http://127.0.0.1:${host.port}${urlPath}`, { method });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function itemOf(t: TestCore, id: string, trashed = false): Promise<GalleryItem> {
  const page = await t.call('library:list', { filter: trashed ? { trashed: true } : {} });
  const item = page.items.find((g) => g.id === id);
  expect(item, `${id} listed${trashed ? ' in the Trash' : ''}`).toBeDefined();
  return item!;
}

describe('a team library’s images through the web host', () => {
  it('serves another workstation’s image: the full file from the share and a thumbnail made on demand into this computer’s app-data folder', async () => {
    const library = await teamLibrary();
    const { t: one } = await workstation(library, 'Ana Lima');
    const { t: two, host } = await workstation(library, 'Ben Ode');
    const [id] = await generate(one, ['a lighthouse on the team share']);
    const item = await itemOf(two, id!);
    const libraryId = two.core.assets.team()!.libraryId;
    // The page's URLs keep today's shape: the asset route, then the file under the team library's mount.
    expect(item.imageUrl).toBe(`/asset/${host.token}/team/${libraryId}/${item.file}`);
    expect(item.thumbUrl).toBe(`/asset/${host.token}/team/${libraryId}/thumbs/${id}.webp`);

    const image = await get(host, item.imageUrl);
    expect(image.status).toBe(200);
    expect(image.type).toBe(`image/${item.format}`);
    expect(image.body.equals(fs.readFileSync(path.join(library.folder, item.file)))).toBe(true);

    const cached = path.join(two.home, 'team', libraryId, 'thumbs', `${id}.webp`);
    expect(fs.existsSync(cached)).toBe(false);
    const thumb = await get(host, item.thumbUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.type).toBe('image/webp');
    const meta = await sharp(thumb.body).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(256);
    // Made on this workstation, kept in its own app-data folder: not on the share, not on the other's.
    expect(fs.readFileSync(cached).equals(thumb.body)).toBe(true);
    expect(fs.existsSync(path.join(library.folder, 'thumbs'))).toBe(false);
    expect(fs.existsSync(path.join(one.home, 'team'))).toBe(false);
  });

  it('serves a trashed image from the share’s trash, and no longer at its old address', async () => {
    const library = await teamLibrary();
    const { t, host } = await workstation(library, 'Ana Lima');
    const [seen, unseen] = await generate(t, ['a red kite', 'a blue heron']);
    const before = await itemOf(t, seen!);
    const unseenBefore = await itemOf(t, unseen!);
    expect((await get(host, before.thumbUrl)).status).toBe(200);
    expect(await t.call('library:trash', { ids: [seen!, unseen!] })).toEqual({ trashed: 2 });

    const after = await itemOf(t, seen!, true);
    expect(after.imageUrl).toContain(`/trash/${before.file}`);
    expect((await get(host, before.imageUrl)).status).toBe(404);
    const trashedImage = await get(host, after.imageUrl);
    expect(trashedImage.status).toBe(200);
    expect(trashedImage.body.equals(fs.readFileSync(path.join(library.folder, 'trash', before.file)))).toBe(true);
    // The thumbnail made before the trash is the one the Trash view shows.
    expect((await get(host, after.thumbUrl)).status).toBe(200);

    // A trashed image whose thumbnail was never made: made for the Trash view's URL only.
    const unseenAfter = await itemOf(t, unseen!, true);
    expect((await get(host, unseenBefore.thumbUrl)).status).toBe(404);
    const trashThumb = await get(host, unseenAfter.thumbUrl);
    expect(trashThumb.status).toBe(200);
    expect((await sharp(trashThumb.body).metadata()).format).toBe('webp');
  });

  it('serves nothing on the share beside the library’s images, reads only, and refuses another library’s id', async () => {
    const library = await teamLibrary();
    const { t, host } = await workstation(library, 'Ana Lima');
    const [id] = await generate(t, ['a quiet harbour']);
    const item = await itemOf(t, id!);
    const mount = `/asset/${host.token}/team/${t.core.assets.team()!.libraryId}`;
    fs.writeFileSync(path.join(library.folder, 'images', 'notes.txt'), 'a person’s notes');
    for (const rest of [
      'seedbank-library-id',
      'images/notes.txt',
      'images/..%2fseedbank-library-id',
      'images/%2e%2e/seedbank-library-id',
      `thumbs/..%2f..%2f..%2flibrary.db`,
    ]) {
      expect((await get(host, `${mount}/${rest}`)).status, rest).toBe(403);
    }
    const otherLibrary = item.imageUrl.replace(/team\/[^/]+\//, 'team/00000000-0000-4000-8000-000000000000/');
    expect((await get(host, otherLibrary)).status).toBe(403);
    // Read-only: the route answers GET and HEAD only, and the file is as it was.
    const bytes = fs.readFileSync(path.join(library.folder, item.file));
    for (const method of ['PUT', 'DELETE', 'POST']) expect((await get(host, item.imageUrl, method)).status).toBe(405);
    expect(fs.readFileSync(path.join(library.folder, item.file)).equals(bytes)).toBe(true);
  });

  it('makes no thumbnail of a file elsewhere on this computer that a link on the share points to', async () => {
    const library = await teamLibrary();
    const { t, host } = await workstation(library, 'Ana Lima');
    const [id] = await generate(t, ['a private picture']);
    const item = await itemOf(t, id!);
    // Someone replaces the image on the share with a link to a picture in this person's home.
    const elsewhere = makeTempDir('seedbank-team-elsewhere-');
    const privatePicture = path.join(elsewhere, 'private.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c0ffee' } })
      .png()
      .toFile(privatePicture);
    fs.rmSync(path.join(library.folder, item.file));
    fs.symlinkSync(privatePicture, path.join(library.folder, item.file));

    expect((await get(host, item.imageUrl)).status).toBe(403);
    expect((await get(host, item.thumbUrl)).status).toBe(404);
    expect(fs.existsSync(path.join(t.home, 'team', t.core.assets.team()!.libraryId, 'thumbs', `${id}.webp`))).toBe(
      false,
    );
  });
});
