import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { bbcItems, bbcPath, metasOf, tempArchive, type TempArchive } from './test-fixtures';
import type { SearchIndex } from './types';

const corpus = bbcPath();
if (!corpus) console.warn('../shared/corpora/news/bbc.jsonl is missing: skipping the segment tests on real news text');

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

describe.skipIf(!corpus)('segments on real news text', () => {
  const items = bbcItems(800);
  let one: TempArchive;
  let many: TempArchive;
  let single: Engine;
  let segmented: Engine;

  beforeAll(async () => {
    one = await tempArchive(items);
    many = await tempArchive(items);
    // Everything in one segment, built on this thread...
    single = new Engine({ dir: one.dir, contentDir: one.contentDir, metas: metasOf(items) }, { inlineLimit: 10_000, deltaLimit: 100_000 });
    await single.open();
    // ...and the same items in worker-built segments of 150, with the last 40 arriving as edits.
    const early = items.slice(0, 760);
    segmented = new Engine({ dir: many.dir, contentDir: many.contentDir, metas: metasOf(early) }, { inlineLimit: 10, chunk: 150, small: 0 });
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
      expect(rb.hits.map((h) => h.id), q).toEqual(ra.hits.map((h) => h.id));
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
    await same(single, segmented);
  });

  it('gives the same hits after reopening, after compaction folds the segments into one, and after reopening that', async () => {
    await segmented.flush();
    await same(single, segmented);
    const reopened = new Engine({ dir: many.dir, contentDir: many.contentDir, metas: metasOf(items) }, { small: 100_000 });
    await reopened.open();
    expect(reopened.layout().analysed).toBe(0);
    await same(single, reopened);
    // Compaction folds every segment into one, with the same results.
    await reopened.flush();
    expect(reopened.layout().segments).toEqual([800]);
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
