import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdir, writeFile, readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { layoutOf } from './sections-file';
import { POSTINGS_BLOCK, SEGMENT } from './segment-file';
import { openSearchIndex } from './index';
import { Engine } from './engine';
import { analyzerFor } from './analyzer';
import { fold } from './normalize';
import { item, metasOf, tempArchive, type Fixture, type TempArchive } from './test-fixtures';
import { Segment } from './segment';
import type { BaseSegments } from './base-segments';
import { syntheticNews } from './synthetic-news';
import type { SearchIndex } from './types';

const ITEMS: Fixture[] = [
  item({
    id: 'seed',
    title: 'China and Russia deepen strategic coordination',
    body: 'Beijing and Moscow pledged closer strategic coordination on regional security. Officials said the talks were running smoothly and that coordination would continue.',
    tags: ['China–Russia', 'Diplomacy'],
    source: 'MENAFN',
    published: '2024-10-06',
    unread: true,
  }),
  item({
    id: 'rates',
    title: 'Markets rally on rate cut hopes',
    body: 'Stock markets rallied as investors hoped for interest rate cuts. The central bank signalled coordination with the treasury is not strategic.',
    tags: ['Economy'],
    source: 'BBC News',
    published: '2025-02-01',
    hasNotes: true,
    notes: 'Compare with the 2008 crisis response.',
  }),
  item({
    id: 'note1',
    kind: 'note',
    title: 'My reading list on Arctic shipping',
    body: 'Ice melt opens the northern sea route; Russia and China both invest in Arctic shipping.',
    tags: ['China–Russia', 'arctic'],
    source: null,
    published: null,
    added: '2023-05-04T10:00:00.000Z',
    hasHighlights: true,
  }),
  item({
    id: 'energy',
    title: 'Gas pipeline talks stall',
    body: 'Negotiations over the Power of Siberia 2 pipeline stalled again, officials in Moscow said. Gas prices rose.',
    tags: ['Energy', 'China–Russia'],
    source: 'Reuters',
    published: '2024-03-15',
  }),
];

let arch: TempArchive | null = null;
let open: SearchIndex[] = [];

async function openWith(items: Fixture[], reuse?: TempArchive): Promise<SearchIndex> {
  arch = reuse ?? (await tempArchive(items));
  const idx = await openSearchIndex({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(items) });
  open.push(idx);
  return idx;
}

const ids = async (idx: SearchIndex, q: string, extra: object = {}) =>
  (await idx.query({ q, ...extra })).hits.map((h) => h.id);

afterEach(async () => {
  for (const i of open) await i.close();
  open = [];
  await arch?.cleanup();
  arch = null;
});

describe('opening', () => {
  it('answers on the first open of a small archive with no index folder, and persists it', async () => {
    const idx = await openWith(ITEMS.slice(0, 2));
    expect(await ids(idx, 'coordination')).toEqual(['seed', 'rates']);
    await idx.flush();
    const files = await readdir(arch!.dir);
    expect(files).toContain('manifest.json');
    expect(files.some((f) => f.endsWith('.seg'))).toBe(true);
  });

  it('reopens from the persisted segments and catches up only the items whose stamp changed', async () => {
    const first = await openWith(ITEMS);
    await first.close();
    open = [];
    const changed = ITEMS.map((i) => (i.id === 'energy' ? { ...i, stamp: '2', title: 'Gas pipeline deal signed' } : i));
    await writeFile(path.join(arch!.contentDir, 'energy.txt'), 'The Power of Siberia 2 deal was signed.');
    const engine = new Engine({ dir: arch!.dir, contentDir: arch!.contentDir, metas: metasOf(changed) });
    await engine.open();
    open.push(engine);
    expect(engine.layout().analysed).toBe(1);
    expect(await ids(engine, 'signed')).toEqual(['energy']);
    expect(await ids(engine, 'stalled')).toEqual([]);
  });

  it('rebuilds a corrupt manifest and says so, without throwing', async () => {
    const first = await openWith(ITEMS);
    await first.close();
    open = [];
    await writeFile(path.join(arch!.dir, 'manifest.json'), '{ not json');
    const idx = await openWith(ITEMS, arch!);
    const r = await idx.query({ q: 'pipeline' });
    expect(r.hits.map((h) => h.id)).toEqual(['energy']);
    expect(r.notice).toMatch(/rebuilt/);
  });

  it('rebuilds a corrupt segment file', async () => {
    const first = await openWith(ITEMS);
    await first.close();
    open = [];
    const seg = (await readdir(arch!.dir)).find((f) => f.endsWith('.seg'))!;
    const bytes = await readFile(path.join(arch!.dir, seg));
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await writeFile(path.join(arch!.dir, seg), bytes);
    const idx = await openWith(ITEMS, arch!);
    expect(await ids(idx, 'pipeline')).toEqual(['energy']);
    await idx.flush();
    // The rebuilt index is whole again: a second open reads it without a notice.
    await idx.close();
    open = [];
    const again = await openWith(ITEMS, arch!);
    expect((await again.query({ q: 'pipeline' })).notice).toBeNull();
  });

  it('rebuilds when a positions file turns out damaged at query time, and still answers', async () => {
    const first = await openWith(ITEMS);
    await first.close();
    open = [];
    const pos = (await readdir(arch!.dir)).find((f) => f.endsWith('.pos'))!;
    await writeFile(path.join(arch!.dir, pos), 'garbage');
    const idx = await openWith(ITEMS, arch!);
    const r = await idx.query({ q: '"power of siberia"' });
    expect(r.hits.map((h) => h.id)).toEqual(['energy']);
    expect(r.notice).toMatch(/rebuilt/);
    expect((await idx.query({ q: '"power of siberia"' })).notice).toBeNull();
  });

  it('reads postings by block when a query needs them, and rebuilds when one turns out damaged', async () => {
    const first = await openWith(ITEMS);
    await first.close();
    open = [];
    const name = (await readdir(arch!.dir)).find((f) => f.endsWith('.seg'))!;
    const file = path.join(arch!.dir, name);
    const bytes = await readFile(file);
    const docs = layoutOf(bytes, SEGMENT, bytes.length).find((s) => s.name === 'docs')!;
    // One byte spoilt in every block of postings; the head (terms, checksums) is intact.
    for (let at = docs.at; at < bytes.length; at += POSTINGS_BLOCK) bytes[at + 1] ^= 0xff;
    await writeFile(file, bytes);
    const idx = await openWith(ITEMS, arch!);
    // Opening read only the head, so nothing was noticed yet; the first query's postings are.
    const r = await idx.query({ q: 'pipeline' });
    expect(r.hits.map((h) => h.id)).toEqual(['energy']);
    expect(r.notice).toMatch(/rebuilt/);
    expect((await idx.query({ q: 'pipeline' })).notice).toBeNull();
  });

  it('lets go of postings read past a share of them, and reads them again as rankings need them', async () => {
    const items = syntheticNews(3000);
    await (await openWith(items)).close();
    open = [];
    const idx = await openWith(items, arch!);
    const { base } = idx as unknown as { base: BaseSegments };
    const share = () => {
      const { held, all } = base.postings();
      return held / all;
    };
    const released = vi.spyOn(Segment.prototype, 'releasePostings');
    const queries = ['oil prices', 'central bank', '"interest rates"', 'minister', 'weather OR airlines'];
    const answers = async () => Promise.all(queries.map(async (q) => (await idx.query({ q, limit: 50 })).hits));
    const related = async () => {
      const out = [];
      for (const { id } of items.slice(0, 12)) {
        out.push(await idx.related(id, { exclude: [], limit: 8 }));
        // Related items read every term of an item; what they read past the share goes.
        expect(share()).toBeLessThanOrEqual(0.4);
      }
      return out;
    };
    const firstAnswers = await answers();
    const firstRelated = await related();
    expect(released).toHaveBeenCalled();
    expect(firstAnswers.every((hits) => hits.length > 0)).toBe(true);
    // Postings read again from the file give the same answers.
    expect(await answers()).toEqual(firstAnswers);
    expect(await related()).toEqual(firstRelated);
    released.mockRestore();
  });

  it('searches from memory when the index folder cannot be written, and still closes cleanly', async () => {
    arch = await tempArchive(ITEMS);
    const blocked = path.join(arch.root, 'not-a-folder');
    await writeFile(blocked, 'a file where the index folder should be');
    const idx = await openSearchIndex({ dir: blocked, contentDir: arch.contentDir, metas: metasOf(ITEMS) });
    expect(await ids(idx, 'pipeline')).toEqual(['energy']);
    await expect(idx.flush()).rejects.toThrow();
    await idx.close();
  });

  it('leaves no worker running after close (a CLI process can exit)', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      item({ id: `n${i}`, title: `Item ${i}`, body: `word${i} shared text about harbours` }),
    );
    arch = await tempArchive(many);
    const engine = new Engine(
      { dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(many) },
      { inlineLimit: 10, chunk: 25 },
    );
    await engine.open();
    expect((await engine.query({ q: 'harbours', limit: 100 })).total).toBe(60);
    expect(engine.layout().segments.reduce((a, b) => a + b, 0)).toBe(60);
    await engine.close();
  });

  it('lets a one-shot CLI process exit on its own after close, even when workers built the index', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      item({ id: `c${i}`, title: `Item ${i}`, body: `canal boat number${i}` }),
    );
    arch = await tempArchive(many);
    await writeFile(path.join(arch.root, 'metas.json'), JSON.stringify(metasOf(many)));
    const entry = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.ts')).href;
    const script = path.join(arch.root, 'cli.mjs');
    await writeFile(
      script,
      `import { readFileSync } from 'node:fs';
       const { openSearchIndex } = await import(${JSON.stringify(entry)});
       const metas = JSON.parse(readFileSync(${JSON.stringify(path.join(arch.root, 'metas.json'))}, 'utf8'));
       const idx = await openSearchIndex({ dir: ${JSON.stringify(arch.dir)}, contentDir: ${JSON.stringify(arch.contentDir)}, metas });
       const r = await idx.query({ q: 'number7' });
       await idx.close();
       console.log(JSON.stringify(r.hits.slice(0, 1).map((h) => h.id)));`,
    );
    for (let run = 0; run < 2; run++) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 20_000,
        cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
      });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout.trim())).toEqual(['c7']);
    }
  });

  it('stops a background build on close, keeps what was built, and catches up on the next open', async () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      item({ id: `m${i}`, title: `Item ${i}`, body: `lighthouse keeper number${i}` }),
    );
    arch = await tempArchive(many);
    const opts = { dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(many) };
    const first = new Engine(opts, { inlineLimit: 10, chunk: 5 });
    await first.open();
    await first.close();
    const again = new Engine(opts, { inlineLimit: 10, chunk: 5 });
    await again.open();
    open.push(again);
    expect((await again.query({ q: 'lighthouse', limit: 0 })).total).toBe(80);
    expect(await ids(again, 'number42')).toEqual(['m42']);
  });
});

describe('changes', () => {
  it('shows an upsert, an edit and a delete in the very next query', async () => {
    const idx = await openWith(ITEMS);
    idx.upsert({
      ...metasOf([ITEMS[0]])[0],
      id: 'new',
      title: 'Walrus census',
      body: 'Counting walruses on the ice.',
      stamp: '1',
    });
    expect(await ids(idx, 'walrus')).toEqual(['new']);
    idx.upsert({ ...metasOf([ITEMS[3]])[0], stamp: '2', title: 'Gas pipeline deal signed', body: 'A deal at last.' });
    expect(await ids(idx, 'stalled')).toEqual([]);
    expect(await ids(idx, 'deal')).toEqual(['energy']);
    idx.remove('seed');
    expect(await ids(idx, 'coordination')).toEqual(['rates']);
    expect((await idx.query({ q: '' })).total).toBe(4);
  });

  it('answers searches and related items sent together as each is answered alone', async () => {
    // Enough items that a first ranking takes several steps, which the others wait for.
    const words = ['harvest', 'election', 'pipeline', 'markets', 'coordination', 'arctic', 'walrus'];
    const many = Array.from({ length: 3000 }, (_, i) =>
      item({
        id: `m${i}`,
        title: `${words[i % 7]} report ${i}`,
        body: `The ${words[i % 7]} and the ${words[(i * 3) % 7]} ${'were discussed again. '.repeat(1 + (i % 4))}Item ${i}.`,
        published: `20${10 + (i % 15)}-0${1 + (i % 9)}-01`,
      }),
    );
    const idx = await openWith(many);
    const requests = [
      { q: 'harvest' },
      { q: '"pipeline and the"', limit: 50 },
      { q: 'elect*', sort: 'newest' as const },
      { q: 'markets -walrus', limit: 30 },
      { q: '', sort: 'oldest' as const, limit: 40 },
      { q: 'coordination arctic' },
    ];
    const together = await Promise.all([
      ...requests.map((r) => idx.query(r)),
      idx.related('m1', { exclude: [], limit: 5 }),
      idx.related('m2', { exclude: [], limit: 5 }),
    ]);
    const alone = [];
    for (const r of requests) alone.push(await idx.query(r));
    alone.push(await idx.related('m1', { exclude: [], limit: 5 }));
    alone.push(await idx.related('m2', { exclude: [], limit: 5 }));
    expect(together).toEqual(alone);
    expect((together[0] as { total: number }).total).toBeGreaterThan(400);
  });

  it('sends a bulk import to the workers instead of analysing it in the next query', async () => {
    arch = await tempArchive(ITEMS);
    const engine = new Engine(
      { dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(ITEMS) },
      { inlineLimit: 10, chunk: 20 },
    );
    await engine.open();
    open.push(engine);
    const batch = Array.from({ length: 50 }, (_, i) =>
      item({ id: `imp${i}`, title: `Imported ${i}`, body: `an imported essay about tides number${i}` }),
    );
    // As an import does: the bodies reach content/ first, and the workers read them there.
    await arch.write(batch);
    for (const it of batch) engine.upsert(it);
    expect((await engine.query({ q: 'tides', limit: 0 })).total).toBe(50);
    expect(await ids(engine, 'number33')).toEqual(['imp33']);
    expect(engine.layout().analysed).toBeLessThan(10);
    expect(engine.layout().workerBuilds).toBeGreaterThan(0);
  });

  it('reads the body from content/ when an upsert omits it', async () => {
    const idx = await openWith(ITEMS);
    await writeFile(path.join(arch!.contentDir, 'later.txt'), 'An essay on lighthouses.');
    idx.upsert({ ...metasOf([ITEMS[1]])[0], id: 'later', title: 'Essay', stamp: '1' });
    expect(await ids(idx, 'lighthouses')).toEqual(['later']);
  });

  it('indexes tag and note edits', async () => {
    const idx = await openWith(ITEMS);
    idx.upsert({
      ...metasOf([ITEMS[0]])[0],
      stamp: '2',
      tags: ['Geopolitics'],
      notes: 'ask about sanctions',
      hasNotes: true,
    });
    expect(await ids(idx, 'tag:geopolitics')).toEqual(['seed']);
    expect(await ids(idx, 'sanctions')).toEqual(['seed']);
    expect(await ids(idx, 'has:notes')).toEqual(['rates', 'seed']);
  });

  it('keeps edits and deletes across flush and reopen', async () => {
    const idx = await openWith(ITEMS);
    idx.remove('rates');
    const edited = { ...ITEMS[3], stamp: '2', body: 'Pipeline finally agreed.' };
    idx.upsert(edited);
    await idx.close();
    open = [];
    const metas = [ITEMS[0], ITEMS[2], edited];
    await writeFile(path.join(arch!.contentDir, 'energy.txt'), edited.body);
    const engine = new Engine({ dir: arch!.dir, contentDir: arch!.contentDir, metas: metasOf(metas) });
    await engine.open();
    open.push(engine);
    expect(engine.layout().delta).toBe(0);
    expect(await ids(engine, 'rallied')).toEqual([]);
    expect(await ids(engine, 'agreed')).toEqual(['energy']);
  });
});

describe('query language', () => {
  it('supports lunr syntax: +must, -not, field:, prefix*, fuzzy~1, boost^', async () => {
    const idx = await openWith(ITEMS);
    expect(await ids(idx, '+coordination +markets')).toEqual(['rates']);
    expect(await ids(idx, 'coordination -markets')).toEqual(['seed']);
    expect(await ids(idx, 'title:coordination')).toEqual(['seed']);
    expect(await ids(idx, 'pipe*')).toEqual(['energy']);
    expect(await ids(idx, 'pipelin~1')).toEqual(['energy']);
    expect((await ids(idx, 'moscow')).sort()).toEqual(['energy', 'seed']);
    expect((await ids(idx, 'moscow gas^10'))[0]).toBe('energy');
    expect(await ids(idx, '-russia -china')).toEqual(['rates']);
  });

  it('matches quoted phrases as phrases', async () => {
    const idx = await openWith(ITEMS);
    expect(await ids(idx, 'strategic coordination')).toEqual(['seed', 'rates']);
    expect(await ids(idx, '"strategic coordination"')).toEqual(['seed']);
    expect(await ids(idx, '"coordination strategic"')).toEqual([]);
    expect(await ids(idx, '"power of siberia"')).toEqual(['energy']);
    expect(await ids(idx, 'moscow -"strategic coordination"')).toEqual(['energy']);
    // A phrase never spans two fields: the title ends "coordination", the body opens "Beijing".
    expect(await ids(idx, '"coordination beijing"')).toEqual([]);
    expect(await ids(idx, '"deepen strategic coordination" +moscow')).toEqual(['seed']);
  });

  it('reads stray syntax as punctuation, and a pasted passage as plain words, saying so', async () => {
    const idx = await openWith(ITEMS);
    for (const q of [
      'pipeline~',
      'gas:',
      'title: pipeline',
      '^2 pipeline',
      'pipeline?',
      'pipeline -',
      '- pipeline',
      'pipeline "',
    ]) {
      const r = await idx.query({ q });
      expect(
        r.hits.map((h) => h.id),
        q,
      ).toEqual(['energy']);
    }
    const r = await idx.query({ q: 'the "new gas pipeline" - it said - would carry gas to +China' });
    expect(r.parsedAs).toBe('plain');
    expect(r.notice).toMatch(/plain words/);
    expect(r.hits[0]?.id).toBe('energy');
    expect((await idx.query({ q: 'pipeline' })).parsedAs).toBe('query');
  });

  it('applies every filter', async () => {
    const idx = await openWith(ITEMS);
    expect(await ids(idx, 'tag:"china–russia"')).toEqual(['seed', 'energy', 'note1']);
    expect(await ids(idx, 'tag:"CHINA–RUSSIA" tag:arctic')).toEqual(['note1']);
    expect(await ids(idx, 'tag:china')).toEqual([]);
    expect(await ids(idx, '', { tags: ['china–russia', 'Energy'] })).toEqual(['energy']);
    expect(await ids(idx, 'source:menafn')).toEqual(['seed']);
    expect(await ids(idx, 'source:"BBC News"')).toEqual(['rates']);
    expect(await ids(idx, 'kind:note')).toEqual(['note1']);
    // The note has no publication date: date filters skip it, whenever it was added.
    expect(await ids(idx, 'before:2024-10-06')).toEqual(['energy']);
    expect(await ids(idx, '-before:2024-10-06 -after:2024-10-06')).toEqual(['note1']);
    expect(await ids(idx, 'after:2024-10')).toEqual(['rates', 'seed']);
    expect(await ids(idx, 'year:2024')).toEqual(['seed', 'energy']);
    expect(await ids(idx, 'has:notes')).toEqual(['rates']);
    expect(await ids(idx, 'has:highlights')).toEqual(['note1']);
    expect(await ids(idx, 'is:unread')).toEqual(['seed']);
    expect(await ids(idx, 'moscow -tag:energy')).toEqual(['seed']);
    const bad = await idx.query({ q: 'before:soon moscow' });
    expect(bad.hits.map((h) => h.id).sort()).toEqual(['energy', 'seed']);
    expect(bad.notice).toMatch(/not a date/);
  });

  it('lists by date, newest first, for an empty query with filters; sorts and pages', async () => {
    const idx = await openWith(ITEMS);
    expect(await ids(idx, '')).toEqual(['rates', 'seed', 'energy', 'note1']);
    expect(await ids(idx, '', { sort: 'oldest' })).toEqual(['note1', 'energy', 'seed', 'rates']);
    expect(await ids(idx, '', { sort: 'title' })).toEqual(['seed', 'energy', 'rates', 'note1']);
    const page = await idx.query({ q: '', offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.hits.map((h) => h.id)).toEqual(['seed', 'energy']);
    expect(await ids(idx, 'moscow', { sort: 'oldest' })).toEqual(['energy', 'seed']);
    expect(await ids(idx, 'moscow', { sort: 'newest' })).toEqual(['seed', 'energy']);
  });
});

describe('results', () => {
  it('carries tags, source, date and kind from the metadata', async () => {
    const idx = await openWith(ITEMS);
    const [hit] = (await idx.query({ q: 'arctic' })).hits;
    expect(hit).toMatchObject({
      id: 'note1',
      kind: 'note',
      tags: ['China–Russia', 'arctic'],
      source: null,
      published: null,
    });
    expect(hit.title).toBe('My reading list on Arctic shipping');
  });

  it('marks snippets at offsets that hold a matched term', async () => {
    const idx = await openWith(ITEMS);
    const en = analyzerFor('en');
    // A trailing space says the last word is finished (no as-you-type completions).
    for (const q of ['running ', 'coordination strategic ', 'pipe*', '"interest rates"', 'crisis ']) {
      const r = await idx.query({ q });
      expect(r.hits.length).toBeGreaterThan(0);
      const queryStems = new Set(
        q
          .replace(/["*]/g, '')
          .trim()
          .split(' ')
          .map((w) => en.stem(fold(w))),
      );
      for (const h of r.hits) {
        expect(h.snippet).toBe(h.snippets[0].text);
        const marks = h.snippets.flatMap((s) => s.marks.map(([a, b]) => s.text.slice(a, b)));
        expect(marks.length).toBeGreaterThan(0);
        for (const word of marks) {
          const stem = en.stem(fold(word));
          if (q.includes('*')) expect(word.toLowerCase().startsWith('pipe')).toBe(true);
          else expect(queryStems.has(stem)).toBe(true);
        }
      }
    }
  });

  it('counts facets over the whole result set, not the page', async () => {
    const idx = await openWith(ITEMS);
    const r = await idx.query({ q: '', limit: 1 });
    expect(r.hits).toHaveLength(1);
    expect(r.facets.tags[0]).toEqual({ value: 'China–Russia', count: 3 });
    expect(r.facets.sources).toEqual(
      expect.arrayContaining([
        { value: 'MENAFN', count: 1 },
        { value: 'BBC News', count: 1 },
        { value: 'Reuters', count: 1 },
      ]),
    );
    expect(r.facets.kinds).toEqual([
      { value: 'article', count: 3 },
      { value: 'note', count: 1 },
    ]);
    expect(r.facets.years).toEqual([
      { value: '2025', count: 1 },
      { value: '2024', count: 2 },
    ]);
  });

  it('suggests related items by shared distinctive terms, excluding linked ones and itself', async () => {
    const idx = await openWith(ITEMS);
    const rel = await idx.related('energy', { exclude: [], limit: 5 });
    expect(rel.map((r) => r.id)).not.toContain('energy');
    expect(rel[0].id).toBe('seed');
    expect(rel[0].terms).toContain('moscow');
    const without = await idx.related('energy', { exclude: ['seed'], limit: 5 });
    expect(without.map((r) => r.id)).not.toContain('seed');
    expect(await idx.related('missing', { exclude: [], limit: 5 })).toEqual([]);
  });

  it('indexes items in other languages with their own stemmer', async () => {
    const fr = item({
      id: 'fr',
      title: 'Les négociations continuent',
      body: 'Les dirigeants ont poursuivi leurs négociations économiques.',
      language: 'fr',
    });
    const idx = await openWith([...ITEMS, fr]);
    expect(await ids(idx, 'négociation')).toEqual(['fr']);
    expect(await ids(idx, 'économique')).toEqual(['fr']);
  });
});

describe('scripts and languages', () => {
  const WORLD: Fixture[] = [
    item({
      id: 'zh',
      title: '中俄关系达到前所未有的水平',
      body: '王毅表示，中俄全面战略协作和互利合作已成为双边关系的基本支柱。两国贸易持续增长。',
      language: 'zh',
    }),
    item({
      id: 'ja',
      title: '欲張りなイヌ',
      body: 'そのとたん、くわえていた肉はポチャンと川の中に落ちてしまいました。',
      language: 'ja',
    }),
    item({
      id: 'ru',
      title: 'Переговоры в Москве',
      body: 'Министры встретились в Москве, чтобы обсудить торговлю.',
      language: 'ru',
    }),
    item({
      id: 'es',
      title: 'The New York Times en Español',
      body: 'Noticias del día en español: economía, política y cultura.',
      language: 'es',
    }),
    item({
      id: 'en',
      title: 'Über-fast trains',
      body: 'The über-fast train from Zürich reached Milan in record time.',
      language: 'en',
    }),
  ];

  it('finds Chinese and Japanese text by words typed without spaces, and marks them', async () => {
    const idx = await openWith(WORLD);
    expect(await ids(idx, '战略协作')).toEqual(['zh']);
    expect(await ids(idx, '"两国贸易"')).toEqual(['zh']);
    expect(await ids(idx, '川の中')).toEqual(['ja']);
    const [hit] = (await idx.query({ q: '互利合作' })).hits;
    const marked = hit.snippets[0].marks.map(([a, b]) => hit.snippets[0].text.slice(a, b));
    expect(marked).toEqual(['互利合作']);
  });

  it('keeps words in any script whole (lunr’s trimmer would empty a Cyrillic word)', async () => {
    const idx = await openWith(WORLD);
    expect(await ids(idx, 'москве')).toEqual(['ru']);
    expect(await ids(idx, 'über')).toEqual(['en']);
    expect(await ids(idx, 'zürich')).toEqual(['en']);
  });

  it('reads English stop words as stop words for items in every language, unless the query has nothing else', async () => {
    const idx = await openWith(WORLD);
    expect((await ids(idx, 'the')).sort()).toEqual(['en', 'es']);
    expect((await ids(idx, 'the time')).sort()).toEqual(['en', 'es']);
  });
});
