import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from './engine';
import { bbcItems, bbcPath, metasOf, tempArchive, type TempArchive } from './test-fixtures';
import { syntheticNews } from './synthetic-news';
import type { SearchIndex } from './types';

// Real news text (the BBC corpus in ../shared) when it is there; else articles written from
// the repository's own sentences, so that a lone clone runs these tests too.
const corpus = bbcPath();
if (!corpus)
  console.warn('../shared/corpora/news/bbc.jsonl is missing: the segment tests run on synthetic news instead');
const newsItems = (n: number) => (corpus ? bbcItems(n) : syntheticNews(n));
const TEXT = corpus ? 'real news text' : 'synthetic news';

const QUERIES = [
  'economy',
  'oil prices',
  '+bank +rates',
  'title:film',
  'elect*',
  'goverment~1',
  '"prime minister"',
  'music -band',
  'tag:sport after:2015',
  'chelsea^3 arsenal',
  'year:2020',
];

describe(`segments on ${TEXT}`, () => {
  const items = newsItems(800);
  let one: TempArchive;
  let many: TempArchive;
  let single: Engine;
  let segmented: Engine;

  beforeAll(async () => {
    one = await tempArchive(items);
    many = await tempArchive(items);
    // Everything in one segment, built on this thread...
    single = new Engine(
      { dir: one.dir, contentDir: one.contentDir, metas: metasOf(items) },
      { inlineLimit: 10_000, deltaLimit: 100_000 },
    );
    await single.open();
    // ...and the same items in worker-built segments of 150, with the last 40 arriving as edits.
    const early = items.slice(0, 760);
    segmented = new Engine(
      { dir: many.dir, contentDir: many.contentDir, metas: metasOf(early) },
      { inlineLimit: 10, chunk: 150, small: 0 },
    );
    await segmented.open();
    for (const it of items.slice(760)) segmented.upsert(it);
  });

  afterAll(async () => {
    await single?.close();
    await segmented?.close();
    await one?.cleanup();
    await many?.cleanup();
  });

  const same = async (a: SearchIndex, b: SearchIndex) => {
    for (const q of QUERIES) {
      const [ra, rb] = await Promise.all([a.query({ q, limit: 50 }), b.query({ q, limit: 50 })]);
      expect(rb.total, q).toBe(ra.total);
      expect(
        rb.hits.map((h) => h.id),
        q,
      ).toEqual(ra.hits.map((h) => h.id));
      rb.hits.forEach((h, i) => expect(h.score, q).toBeCloseTo(ra.hits[i].score, 3));
      expect(rb.facets, q).toEqual(ra.facets);
    }
  };

  it('builds several segments on workers', async () => {
    await segmented.query({ q: 'x' });
    expect(segmented.layout().segments.length).toBeGreaterThanOrEqual(6);
    expect(segmented.layout().analysed).toBe(40);
    expect(segmented.layout().workerBuilds).toBeGreaterThan(0);
  });

  it('merges segments to the same hits, in the same order, as one index over the same items', async () => {
    // The queries find something, so that "the same hits" is not two empty lists (the first
    // 800 BBC articles hold no sport, so `tag:sport after:2015` may find nothing there).
    const found = await Promise.all(QUERIES.map(async (q) => (await single.query({ q, limit: 1 })).total > 0));
    expect(found.filter(Boolean).length).toBeGreaterThanOrEqual(QUERIES.length - 1);
    await same(single, segmented);
  });

  it('answers related items a segment at a time, and calls made together answer as calls made in turn', async () => {
    const ids = items.slice(0, 6).map((i) => i.id);
    const inTurn = [];
    for (const id of ids) inTurn.push(await segmented.related(id, { exclude: [], limit: 5 }));
    expect(inTurn.every((r) => r.length === 5)).toBe(true);
    const together = await Promise.all(ids.map((id) => segmented.related(id, { exclude: [], limit: 5 })));
    expect(together).toEqual(inTurn);
  });

  it('gives the same hits after reopening, after compaction folds the segments into one, and after reopening that', async () => {
    await segmented.flush();
    await same(single, segmented);
    const reopened = new Engine(
      { dir: many.dir, contentDir: many.contentDir, metas: metasOf(items) },
      { small: 100_000 },
    );
    await reopened.open();
    expect(reopened.layout().analysed).toBe(0);
    // The segments read answer from their flat term offsets until compacted in idle turns.
    expect(reopened.layout().flatSpans).toBeGreaterThan(0);
    await same(single, reopened);
    await vi.waitFor(() => expect(reopened.layout().flatSpans).toBe(0));
    await same(single, reopened);
    // Compaction folds every segment into one, with the same results.
    await reopened.flush();
    expect(reopened.layout().segments).toEqual([800]);
    // ...and the merge ran on a worker, not on this thread.
    expect(reopened.layout()).toMatchObject({ workerMerges: 1, inlineMerges: 0 });
    await same(single, reopened);
    await reopened.close();
    const merged = new Engine({ dir: many.dir, contentDir: many.contentDir, metas: metasOf(items) });
    await merged.open();
    expect(merged.layout().segments).toEqual([800]);
    await same(single, merged);
    await merged.close();
  });

  it('finds a phrase only where its words stand together', async () => {
    const r = await single.query({ q: '"prime minister"', limit: 500 });
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) {
      const it = items.find((i) => i.id === h.id)!;
      expect(/prime\s+minister/i.test(`${it.title}\n${it.body}`), h.id).toBe(true);
    }
    const loose = await single.query({ q: '+prime +minister', limit: 1000 });
    expect(loose.total).toBeGreaterThanOrEqual(r.total);
  });
});

describe(`compaction on a worker thread (${TEXT})`, () => {
  const items = newsItems(2000);
  let one: TempArchive;
  let many: TempArchive;
  let single: Engine;

  beforeAll(async () => {
    one = await tempArchive(items.slice(0, 800));
    many = await tempArchive(items);
    // The reference: the first 800 items in one segment built on this thread.
    single = new Engine(
      { dir: one.dir, contentDir: one.contentDir, metas: metasOf(items.slice(0, 800)) },
      { inlineLimit: 10_000, deltaLimit: 100_000 },
    );
    await single.open();
    // The whole set in worker-built segments of 400, saved uncompacted.
    const built = new Engine(
      { dir: many.dir, contentDir: many.contentDir, metas: metasOf(items) },
      { inlineLimit: 10, chunk: 400, small: 0 },
    );
    await built.open();
    await built.flush();
    expect(built.layout().segments).toEqual([400, 400, 400, 400, 400]);
    await built.close();
  });

  afterAll(async () => {
    await single?.close();
    await one?.cleanup();
    await many?.cleanup();
  });

  const answers = async (idx: SearchIndex) => Promise.all(QUERIES.map((q) => idx.query({ q, limit: 50 })));

  it('merges on a worker, not this thread, answering from the old segments until the merged one is adopted', async () => {
    const engine = new Engine(
      { dir: many.dir, contentDir: many.contentDir, metas: metasOf(items) },
      { small: 100_000 },
    );
    await engine.open();
    const before = await answers(engine);
    let done = false;
    const flushing = engine.flush().then(() => (done = true));
    let answeredDuringMerge = 0;
    while (!done) {
      // Queries settle in microtasks alone; yield so the worker's answer can arrive.
      await new Promise((r) => setTimeout(r, 5));
      const during = await answers(engine);
      if (!done && engine.layout().segments.length === 5) answeredDuringMerge++;
      during.forEach((r, i) =>
        expect(
          r.hits.map((h) => h.id),
          QUERIES[i],
        ).toEqual(before[i].hits.map((h) => h.id)),
      );
    }
    await flushing;
    expect(engine.layout().segments).toEqual([2000]);
    expect(engine.layout().workerMerges).toBe(1);
    expect(engine.layout().inlineMerges).toBe(0);
    expect(answeredDuringMerge).toBeGreaterThan(0);
    const after = await answers(engine);
    after.forEach((r, i) => {
      expect(r.total, QUERIES[i]).toBe(before[i].total);
      expect(
        r.hits.map((h) => h.id),
        QUERIES[i],
      ).toEqual(before[i].hits.map((h) => h.id));
      r.hits.forEach((h, k) => expect(h.score, QUERIES[i]).toBeCloseTo(before[i].hits[k].score, 3));
      expect(r.facets, QUERIES[i]).toEqual(before[i].facets);
    });
    await engine.close();
  });

  it('rewrites a large segment that is mostly deleted items, to the same hits as one index over the rest', async () => {
    const engine = new Engine({ dir: many.dir, contentDir: many.contentDir, metas: metasOf(items) }, { small: 0 });
    await engine.open();
    expect(engine.layout().segments).toEqual([2000]);
    for (const it of items.slice(800)) engine.remove(it.id);
    await engine.flush();
    expect(engine.layout().segments).toEqual([800]);
    expect(engine.layout().workerMerges).toBe(1);
    const [ra, rb] = [await answers(single), await answers(engine)];
    rb.forEach((r, i) => {
      expect(r.total, QUERIES[i]).toBe(ra[i].total);
      expect(
        r.hits.map((h) => h.id),
        QUERIES[i],
      ).toEqual(ra[i].hits.map((h) => h.id));
      r.hits.forEach((h, k) => expect(h.score, QUERIES[i]).toBeCloseTo(ra[i].hits[k].score, 3));
      expect(r.facets, QUERIES[i]).toEqual(ra[i].facets);
    });
    await engine.close();
  });
});
