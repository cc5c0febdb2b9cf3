import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Archive } from './archive';
import { tempArchive, draft } from './test-archive';
import { addItem } from './items';
import { dispatch } from '../api/dispatch';
import { migrate } from './migrations';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function fresh(): Promise<{ archive: Archive; dir: string; ids: string[] }> {
  const { archive, dir, cleanup } = await tempArchive({ seeded: false });
  cleanups.push(cleanup);
  const ids = [];
  for (let i = 0; i < 4; i++)
    ids.push(
      await addItem(
        archive,
        draft(`Story ${i}`, `Story ${i} is about canals, barges and river freight.`, {
          added: `2026-0${i + 1}-01T00:00:00.000Z`,
        }),
      ),
    );
  return { archive, dir, ids };
}

async function ok<T>(outcome: Promise<{ ok: boolean; value?: T; error?: { message: string } }>): Promise<T> {
  const o = await outcome;
  if (!o.ok) throw new Error(o.error!.message);
  return o.value as T;
}

describe('the reading workflow', () => {
  it('moves items between inbox and archive, stars them and keeps reading progress, across a reopen', async () => {
    const { archive, dir, ids } = await fresh();
    await ok(dispatch(archive, 'items.setState', { id: ids[0], archived: true, favourite: true }));
    await ok(dispatch(archive, 'items.setProgress', { id: ids[1], progress: 0.4567 }));
    await ok(dispatch(archive, 'items.setProgress', { id: ids[2], progress: 1 }));
    await archive.close();
    const again = await Archive.open(dir, { readOnly: true });
    expect(again.item(ids[0])).toMatchObject({ favourite: true, archivedAt: expect.any(String) });
    expect(again.item(ids[1])).toMatchObject({ progress: 0.457, readAt: null, archivedAt: null });
    expect(again.item(ids[2]).readAt).not.toBeNull(); // read to the end
    await again.close();
  });

  it('applies one action to a selection, or to every result of a search', async () => {
    const { archive, ids } = await fresh();
    const tagged = await ok(
      dispatch(archive, 'items.bulk', { ids: [ids[0], ids[1]], action: 'tag', tags: ['Freight'] }),
    );
    expect(tagged).toEqual({ changed: 2, missing: [] });
    const all = await ok<{ changed: number }>(
      dispatch(archive, 'items.bulk', { query: { q: 'barges' }, action: 'read' }),
    );
    expect(all.changed).toBe(4);
    expect(archive.data.items.every((i) => i.readAt !== null)).toBe(true);
    const gone = await ok<{ changed: number }>(
      dispatch(archive, 'items.bulk', { ids: [ids[3], 'ffffffffffffffff'], action: 'delete' }),
    );
    expect(gone).toEqual({ changed: 1, missing: ['ffffffffffffffff'] });
    const refused = await dispatch(archive, 'items.bulk', { ids: [ids[0]], action: 'tag' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('keeps saved searches and preferences in the archive, for every host', async () => {
    const { archive, dir } = await fresh();
    await ok(dispatch(archive, 'searches.save', { name: 'Freight', q: 'barges OR canals' }));
    const { searches } = await ok<{ searches: Array<{ name: string }> }>(
      dispatch(archive, 'searches.save', { name: 'freight', q: 'canals' }),
    );
    expect(searches).toEqual([expect.objectContaining({ name: 'freight', q: 'canals' })]);
    await ok(dispatch(archive, 'settings.set', { key: 'theme', value: 'dark' }));
    expect(await dispatch(archive, 'settings.set', { key: '../x', value: 1 })).toMatchObject({ ok: false });
    await archive.close();
    const again = await Archive.open(dir);
    expect((await ok<{ searches: unknown[] }>(dispatch(again, 'searches.list', {}))).searches).toHaveLength(1);
    expect((await ok<{ preferences: object }>(dispatch(again, 'settings.get', {}))).preferences).toEqual({
      theme: 'dark',
    });
    await ok(dispatch(again, 'searches.delete', { name: 'FREIGHT' }));
    expect((await ok<{ searches: unknown[] }>(dispatch(again, 'searches.list', {}))).searches).toEqual([]);
    await again.close();
  });

  it('reads archives written before the reading workflow: inbox, not a favourite, at the top', () => {
    const old = {
      version: 1,
      items: [
        {
          id: '0123456789abcdef',
          kind: 'article',
          title: 'Old',
          byline: null,
          source: null,
          url: null,
          published: null,
          added: 'a',
          updated: 'a',
          language: 'en',
          excerpt: '',
          wordCount: 0,
          tags: [],
          readAt: null,
          content: { html: false, text: false },
          textHash: null,
        },
      ],
      tags: [],
      notes: [],
      highlights: [],
      relations: [],
      settings: {},
    };
    expect(migrate(old).items[0]).toMatchObject({ archivedAt: null, favourite: false, progress: 0 });
  });
});

describe('fetching bookmarks', () => {
  async function pageServer(): Promise<string> {
    const server = http.createServer((req, res) => {
      if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="en"><head><title>Barges return to the canals</title></head><body><article><h1>Barges return to the canals</h1>
          ${'<p>Freight barges are returning to the old canals as fuel prices rise and roads clog with lorries. Operators say demand has doubled.</p>'.repeat(6)}
          </article></body></html>`);
      } else {
        res.writeHead(404).end('no');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('turns a bookmark into an article, and leaves one whose page cannot be had as it was', async () => {
    const base = await pageServer();
    const { archive } = await fresh();
    const good = await addItem(archive, draft(`${base}/article`, '', { kind: 'bookmark', url: `${base}/article` }));
    const missing = await addItem(archive, draft('Gone', '', { kind: 'bookmark', url: `${base}/gone` }));
    const before = structuredClone(archive.item(missing));
    const progress: number[] = [];
    const { results } = await ok<{ results: Array<{ id: string; ok: boolean; message: string }> }>(
      dispatch(archive, 'items.fetch', { allBookmarks: true }, { onProgress: (done) => progress.push(done) }),
    );
    expect(results.find((r) => r.id === good)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^0 → \d+ words$/),
    });
    expect(results.find((r) => r.id === missing)).toMatchObject({ ok: false, message: expect.stringMatching(/404/) });
    expect(progress).toEqual([1, 2]);
    expect(archive.item(good)).toMatchObject({
      kind: 'article',
      title: 'Barges return to the canals',
      content: { text: true, html: true },
    });
    expect(archive.item(missing)).toEqual(before);
    const found = await archive.index.query({ q: 'lorries' });
    expect(found.hits.map((h) => h.id)).toEqual([good]);
  });
});

describe('the reading states in the query language', () => {
  it('filters by is:inbox, is:archived and is:favourite, and sorts by date added', async () => {
    const { archive, ids } = await fresh();
    await ok(dispatch(archive, 'items.setState', { id: ids[1], archived: true }));
    await ok(dispatch(archive, 'items.setState', { id: ids[2], favourite: true }));
    const hits = async (q: string) => (await archive.index.query({ q })).hits.map((h) => h.id);
    expect(await hits('barges is:archived')).toEqual([ids[1]]);
    expect((await hits('barges is:inbox')).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    expect(await hits('is:favourite')).toEqual([ids[2]]);
    // Added last, listed first.
    expect((await hits('barges sort:added'))[0]).toBe(ids[3]);
    const result = await archive.index.query({ q: 'is:sideways' });
    expect(result.notice).toMatch(/is:sideways is not known/);
  });
});
