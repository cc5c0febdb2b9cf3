import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { dispatch, isMethod } from './dispatch';
import { contract } from './contract';
import { handlers } from './handlers';
import { METHODS, TRUSTED_METHODS } from './methods';
import { tempArchive } from '../core/test-archive';
import type { Archive } from '../core/archive';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

let archive: Archive;
let cleanup: () => Promise<void>;
let seedId: string;
beforeAll(async () => {
  ({ archive, cleanup } = await tempArchive());
  seedId = archive.data.items.find((i) => i.kind === 'article')!.id;
});
afterAll(() => cleanup());

describe('the contract', () => {
  it('declares a schema and a handler for every method, and nothing else', () => {
    expect(Object.keys(contract).sort()).toEqual([...METHODS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
    expect(TRUSTED_METHODS.every((m) => isMethod(m))).toBe(true);
  });
});

describe('dispatch', () => {
  it('runs a valid call and returns its value', async () => {
    const outcome = await dispatch(archive, 'items.get', { id: seedId });
    expect(outcome).toMatchObject({ ok: true, value: { id: seedId, source: 'MENAFN' } });
  });

  it('refuses an unknown method as data', async () => {
    expect(await dispatch(archive, 'fs.readFile', {})).toEqual({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/Unknown operation/) },
    });
  });

  it('validates every argument before running anything', async () => {
    const cases: Array<[string, unknown]> = [
      ['items.get', { id: '../../etc/passwd' }],
      ['items.get', {}],
      ['items.get', { id: seedId, extra: true }],
      ['tags.add', { id: seedId, tags: [] }],
      ['tags.add', { id: seedId, tags: ['   '] }],
      ['search.query', { q: 42 }],
      ['search.query', { q: 'x', limit: 10_000 }],
      ['items.update', { id: seedId, patch: { url: 'javascript:alert(1)' } }],
      ['export.notes', { scope: { kind: 'everything' }, format: 'md' }],
      ['highlights.create', { itemId: seedId, quote: 'x', start: -1, end: 2 }],
      ['items.get', null],
    ];
    for (const [method, args] of cases) {
      const outcome = await dispatch(archive, method, args);
      expect(outcome, `${method} ${JSON.stringify(args)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument' },
      });
    }
    expect(archive.item(seedId).tags).toEqual(['China–Russia', 'Diplomacy']);
  });

  it('keeps host-only methods from untrusted callers', async () => {
    const outcome = await dispatch(archive, 'import.paths', { paths: ['/etc/passwd'] });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/only be called by the app/) },
    });
  });

  it('lets a window sync only with the Sync setting, never to a target it names itself', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'dossier-elsewhere-'));
    try {
      const outcome = await dispatch(archive, 'sync.run', { target: { kind: 'folder', folder: elsewhere } });
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument', message: expect.stringMatching(/Sync setting/) },
      });
      expect(await readdir(elsewhere)).toEqual([]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('returns archive errors as data with their own code', async () => {
    expect(await dispatch(archive, 'items.get', { id: 'ffffffffffffffff' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No item with id ffffffffffffffff.' },
    });
  });

  it('turns an unexpected failure into a sentence and logs the stack', async () => {
    const logged: unknown[] = [];
    const broken = new Proxy(archive, {
      get: (t, p) =>
        p === 'view'
          ? () => {
              throw new TypeError('boom');
            }
          : Reflect.get(t, p),
    });
    const outcome = await dispatch(broken, 'items.get', { id: seedId }, { log: (e) => logged.push(e) });
    expect(outcome).toEqual({ ok: false, error: { code: 'internal', message: expect.not.stringMatching(/boom|at /) } });
    expect(logged).toHaveLength(1);
  });

  it('tags, links, notes and highlights through the contract', async () => {
    const note = await dispatch(archive, 'items.createNote', { title: 'My note', text: 'Thoughts on **trade**.' });
    if (!note.ok) throw new Error(note.error.message);
    const tagged = await dispatch(archive, 'tags.add', { id: seedId, tags: ['China–Russia', 'Diplomacy'] });
    expect(tagged).toMatchObject({ ok: true, value: { tags: ['China–Russia', 'Diplomacy'] } });
    const linked = await dispatch(archive, 'relations.link', { a: note.value.id, b: seedId, label: 'background' });
    expect(linked.ok && linked.value.related.map((r) => r.id)).toContain(seedId);
    const { value: content } = (await dispatch(archive, 'items.content', { id: seedId })) as {
      value: { text: string };
    };
    const start = content.text.indexOf('Wang Yi');
    const highlighted = await dispatch(archive, 'highlights.create', {
      itemId: seedId,
      quote: 'Wang Yi',
      start,
      end: start + 7,
      comment: 'who',
    });
    expect(highlighted).toMatchObject({ ok: true, value: { highlights: [{ quote: 'Wang Yi', comment: 'who' }] } });
    const listed = await dispatch(archive, 'tags.list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: { tags: expect.arrayContaining([{ name: 'Diplomacy', color: null, count: 1 }]) },
    });
  });
});

describe('cancellation', () => {
  it('answers a search whose caller gave up as cancelled, at once', async () => {
    const controller = new AbortController();
    const running = dispatch(archive, 'search.query', { q: 'Wang Yi' }, { signal: controller.signal });
    controller.abort();
    expect(await running).toEqual({ ok: false, error: { code: 'cancelled', message: expect.any(String) } });
    // The same search, not cancelled, finds the seed: the cancellation was what made the difference.
    const whole = await dispatch(archive, 'search.query', { q: 'Wang Yi' }, { signal: new AbortController().signal });
    expect(whole.ok && whole.value.hits[0].id).toBe(seedId);
  });

  it('never runs a call already cancelled, and never abandons an edit once it runs', async () => {
    const before = archive.store.changes;
    expect(
      await dispatch(archive, 'tags.add', { id: seedId, tags: ['never'] }, { signal: AbortSignal.abort() }),
    ).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(archive.store.changes).toBe(before);
    const controller = new AbortController();
    const running = dispatch(archive, 'tags.add', { id: seedId, tags: ['kept'] }, { signal: controller.signal });
    controller.abort();
    expect(await running).toMatchObject({ ok: true, value: { tags: expect.arrayContaining(['kept']) } });
  });
});
