// Real rounds between real archives in temp folders through a shared folder: edits on both
// sides arrive, a conflict is kept and listed, the same article imported twice becomes one,
// bodies travel as content-addressed blobs, the search index follows, and files a sync engine
// leaves half-written or as conflict copies are waited for or ignored, never applied.

import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tempArchive, tempDir, draft } from '../core/test-archive';
import { addItem, deleteItem, updateItem } from '../core/items';
import { tagItem, untagItem } from '../core/tagging';
import { createNote } from '../core/notes';
import { syncRound } from './round';
import { FolderTarget } from './target';
import { listConflicts } from './conflicts';
import { openSession } from './session';
import type { Archive } from '../core/archive';

const TEXT_A = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';
const TEXT_B = 'Trade between the two countries grew, with cars and smartphones popular with consumers.';

async function pair() {
  const folder = await tempDir('dossier-sync-');
  const a = await tempArchive({ seeded: false });
  const b = await tempArchive({ seeded: false });
  const target = new FolderTarget(folder);
  return {
    folder,
    a: a.archive,
    b: b.archive,
    target,
    round: (archive: Archive, options = {}) => syncRound(archive, target, options),
    cleanup: async () => {
      await a.cleanup();
      await b.cleanup();
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}

const canonical = (archive: Archive) =>
  JSON.stringify({
    items: [...archive.data.items].sort((x, y) => (x.id < y.id ? -1 : 1)),
    notes: [...archive.data.notes].sort((x, y) => (x.id < y.id ? -1 : 1)),
    tags: archive.data.tags,
  });

describe('a sync round through a folder', () => {
  it('carries items, bodies, tags and notes both ways and converges', async () => {
    const { a, b, round, folder, cleanup } = await pair();
    const x = await addItem(a, draft('From A', TEXT_A, { html: '<p>From A</p>' }));
    await tagItem(a, x, ['Politics']);
    const first = await round(a);
    expect(first.published.operations).toBeGreaterThan(0);
    expect(first.published.blobs).toBe(2);
    const got = await round(b);
    expect(got.received.segments).toBe(1);
    expect(b.item(x).tags).toEqual(['Politics']);
    expect(await b.store.readContent(x, 'txt')).toBe(TEXT_A);
    expect(await b.store.readContent(x, 'html')).toBe('<p>From A</p>');
    // The search index follows merged changes.
    expect((await b.index.query({ q: 'unprecedented' })).hits.map((h: { id: string }) => h.id)).toEqual([x]);

    const y = await addItem(b, draft('From B', TEXT_B));
    createNote(b, x, 'A note written on B');
    await untagItem(b, x, ['Politics']);
    await b.durable();
    await round(b);
    await round(a);
    expect(a.item(y).title).toBe('From B');
    expect(a.notesOf(x).map((n) => n.text)).toEqual(['A note written on B']);
    expect(a.item(x).tags).toEqual([]);
    expect((await a.index.query({ q: 'smartphones' })).hits.map((h: { id: string }) => h.id)).toEqual([y]);
    expect(canonical(a)).toBe(canonical(b));

    // Deletions travel as tombstones; the body goes with the item.
    await deleteItem(a, y);
    await round(a);
    await round(b);
    expect(b.has(y)).toBe(false);
    expect(await b.store.readContent(y, 'txt')).toBeNull();

    // Nothing to do: nothing written.
    const idle = await round(b);
    expect(idle.published).toMatchObject({ operations: 0, bytes: 0 });
    expect(idle.received.segments).toBe(0);

    // Every name in the folder is a device id, a segment number, or a content hash.
    const names = await listAll(folder);
    for (const name of names)
      expect(name).toMatch(
        /^(dossier-sync\.json|devices\/[0-9a-f]{16}\/(state\.json|\d{8}\.seg)|blobs\/[0-9a-f]{64})$/,
      );
    await cleanup();
  });

  it('keeps both values of a field changed on both machines, lists the conflict, and settles it when chosen', async () => {
    const { a, b, round, cleanup } = await pair();
    const x = await addItem(a, draft('Original', TEXT_A));
    await round(a);
    await round(b);
    await updateItem(a, x, { title: 'Title from A' });
    await updateItem(b, x, { title: 'Title from B' });
    await round(a);
    const rb = await round(b);
    await round(a);
    expect(a.item(x).title).toBe(b.item(x).title);
    expect(rb.conflicts).toBe(1);
    const { merge } = await openSession(a);
    const [conflict] = listConflicts(merge);
    expect(conflict).toMatchObject({ entity: `i:${x}`, field: 'title', itemId: x });
    expect(new Set([conflict.current.value, conflict.others[0].value])).toEqual(
      new Set(['Title from A', 'Title from B']),
    );
    // Choosing is an ordinary edit made after seeing both: it wins and the conflict is gone everywhere.
    await updateItem(b, x, { title: 'Title from A' });
    await round(b);
    const ra = await round(a);
    expect(ra.conflicts).toBe(0);
    expect(a.item(x).title).toBe('Title from A');
    expect(listConflicts((await openSession(b)).merge)).toEqual([]);
    await cleanup();
  });

  it('merges the same article imported on both machines into one item, with both sets of tags', async () => {
    const { a, b, round, cleanup } = await pair();
    const xa = await addItem(a, draft('Same story', TEXT_A, { url: 'https://example.org/story?utm_source=a' }));
    const xb = await addItem(b, draft('Same story', TEXT_A, { url: 'https://example.org/story' }));
    await tagItem(a, xa, ['from-a']);
    await tagItem(b, xb, ['from-b']);
    await round(a);
    await round(b);
    await round(a);
    const keep = xa < xb ? xa : xb;
    for (const archive of [a, b]) {
      expect(archive.data.items.map((i) => i.id)).toEqual([keep]);
      expect([...archive.item(keep).tags].sort()).toEqual(['from-a', 'from-b']);
      expect(await archive.store.readContent(keep, 'txt')).toBe(TEXT_A);
      expect((await archive.index.query({ q: 'unprecedented' })).hits.map((h: { id: string }) => h.id)).toEqual([keep]);
    }
    await cleanup();
  });

  it('waits for a torn segment and a missing blob, ignores conflict copies, and refuses nothing it can still get', async () => {
    const { a, b, round, folder, cleanup } = await pair();
    const x = await addItem(a, draft('Torn', TEXT_A));
    const report = await round(a);
    const seg = path.join(folder, 'devices', report.device, '00000001.seg');
    const whole = await fs.readFile(seg);
    await fs.writeFile(seg, whole.subarray(0, whole.length - 30));
    // A sync engine's conflict copies of a segment, with other content, are never applied.
    await fs.writeFile(path.join(folder, 'devices', report.device, '00000001 (conflicted copy).seg'), whole);
    await fs.writeFile(
      path.join(folder, 'devices', report.device, '00000002.sync-conflict-20240101-000000-ABCDEFG.seg'),
      whole,
    );
    const torn = await round(b);
    expect(b.has(x)).toBe(false);
    expect(torn.waiting.join()).toMatch(/00000001\.seg \(still arriving\)/);
    expect(torn.ignored.join()).toMatch(/conflicted copy\).seg \(conflict copy\)/);
    expect(torn.ignored.join()).toMatch(/sync-conflict.*\(conflict copy\)/);

    // The segment arrives whole, but the body blob is still missing: the item comes, the body waits.
    await fs.writeFile(seg, whole);
    const blobs = await fs.readdir(path.join(folder, 'blobs'));
    const blob = path.join(folder, 'blobs', blobs[0]);
    const bytes = await fs.readFile(blob);
    await fs.writeFile(blob, bytes.subarray(0, 10)); // hash mismatch: half-synced
    const partial = await round(b);
    expect(b.has(x)).toBe(true);
    expect(partial.waiting.join()).toMatch(/blobs\/[0-9a-f]{64} \(for item/);
    expect(await b.store.readContent(x, 'txt')).toBeNull();
    await fs.writeFile(blob, bytes);
    const healed = await round(b);
    expect(healed.waiting).toEqual([]);
    expect(await b.store.readContent(x, 'txt')).toBe(TEXT_A);
    await cleanup();
  });
});

describe('bodies and images', () => {
  it('travel as blobs when an article is fetched again with new text and an image', async () => {
    const { a, b, round, folder, cleanup } = await pair();
    const x = await addItem(a, draft('Fetched again', TEXT_A));
    await round(a);
    await round(b);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201b1b1a1c50000000049454e44ae426082',
      'hex',
    );
    const image = `${'ab'.repeat(16)}.png`;
    await a.store.writeContent(x, 'txt', TEXT_B);
    await a.store.writeContent(x, 'html', `<p>${TEXT_B}</p><img src="${image}">`);
    await a.store.writeAssets(x, [{ name: image, bytes: png }]);
    const item = a.item(x);
    item.content = { html: true, text: true };
    item.assets = [image];
    a.commit(item);
    await a.durable();
    const sent = await round(a);
    expect(sent.published.blobs).toBe(3);
    await round(b);
    expect(await b.store.readContent(x, 'txt')).toBe(TEXT_B);
    expect(await b.store.readContent(x, 'html')).toContain(image);
    expect(Buffer.from((await b.store.readAsset(x, image)) as Uint8Array).equals(png)).toBe(true);
    expect((await b.index.query({ q: 'smartphones' })).hits.map((h: { id: string }) => h.id)).toEqual([x]);
    // Written once: the same image again adds no blob.
    expect((await fs.readdir(path.join(folder, 'blobs'))).length).toBe(4);
    await cleanup();
  });
});

describe('the sync state on disk', () => {
  it('is the state in memory: the whole file plus the rounds appended to its log since', async () => {
    const { a, b, round, folder, cleanup } = await pair();
    const x = await addItem(a, draft('Logged', TEXT_A));
    await round(a);
    await round(b);
    for (let i = 0; i < 3; i++) {
      updateItem(a, x, { title: `Title ${i}` });
      updateItem(b, x, { byline: `Byline ${i}` });
      await round(a);
      await round(b);
    }
    const log = await fs.readFile(path.join(a.dir, 'sync', 'log'), 'utf8');
    expect(log.trim().split('\n').length).toBeGreaterThanOrEqual(3);
    const sorted = (m: Map<string, unknown>) => JSON.stringify([...m].sort(([p], [q]) => (p < q ? -1 : 1)));
    const before = await openSession(a);
    const memory = {
      entities: sorted(before.merge.entities),
      files: before.local.files,
      cursors: before.local.cursors,
      published: before.local.published,
    };
    // Reopen the archive: the state is read back from state.json and the log.
    const dir = a.dir;
    await a.close();
    const { Archive } = await import('../core/archive');
    const again = await Archive.open(dir);
    const after = await openSession(again);
    expect({
      entities: sorted(after.merge.entities),
      files: after.local.files,
      cursors: after.local.cursors,
      published: after.local.published,
    }).toEqual(memory);
    // And it goes on from there: one more round on the reopened archive finds nothing to do.
    expect((await syncRound(again, new FolderTarget(folder))).published.operations).toBe(0);
    await again.close();
    await cleanup();
  });
});

describe('edits made while a round runs', () => {
  it('are neither overwritten nor lost: the next round sends them', async () => {
    const { a, b, round, cleanup } = await pair();
    const x = await addItem(a, draft('Before', TEXT_A));
    await round(a);
    await round(b);
    updateItem(b, x, { title: 'Changed on B' });
    await round(b);
    // A round starts on A (it reads B's change first); the person edits meanwhile.
    const running = round(a);
    await tagItem(a, x, ['during']);
    await running;
    expect(a.item(x).tags).toEqual(['during']);
    expect(a.item(x).title).toBe('Changed on B');
    await round(a);
    await round(b);
    expect(b.item(x).tags).toEqual(['during']);
    expect(b.item(x).title).toBe('Changed on B');
    await cleanup();
  });
});

async function listAll(root: string, dir = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listAll(root, rel)));
    else out.push(rel);
  }
  return out;
}
