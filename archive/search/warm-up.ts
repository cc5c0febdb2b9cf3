// Runs each kind of search over a small made-up index right after an archive opens, a few
// searches per turn of the event loop and each kind many times, so that the first real search
// of each kind (a phrase, a prefix, a filter, related items) neither compiles its code nor runs
// its loops unoptimised on the thread that answers. The index is built a few items per turn.
// It touches none of the engine's state, reads no file and never keeps a process alive, and
// it waits while a real search or related-items ranking is under way (it would only delay it).

import { BodyCache } from './body-cache';
import { analyse } from './build';
import { LiveItems } from './live-items';
import { inIdleTurns } from './idle-turns';
import { FilePositions, PositionCache } from './positions';
import { QueryRunner } from './query';
import { relatedTo } from './related';
import { Segment } from './segment';
import { SegmentBuilder } from './segment-builder';
import { decodeSegment, encodeSegment, encodeStream, segmentChecksum } from './segment-file';
import { SearchRequest } from './request';
import type { SearchMeta } from './types';

const TEXTS = [
  [
    'Prime minister sets out interest rates plan',
    'The prime minister said interest rates would stay low as the government set out its plan for the economy and elections.',
  ],
  [
    'World cup football final',
    'The world cup final drew millions of football fans; the government and the minister praised the technology behind it.',
  ],
  [
    'Mobile phone makers report growth',
    'Mobile phone makers reported growth in technology sales, and the economy grew faster than the government expected.',
  ],
];

/** Made-up items (variations of TEXTS), items built per turn, and rounds of the queries: enough
 *  work for the engine's loops to be optimised, a few milliseconds per turn. With 40 rounds a
 *  10k archive's searches were still being compiled again some 60 queries in (the slowest 5%
 *  came mostly from them); with 80, code compiled here survives more of the first searches. */
const ITEMS = 240;
const BUILD_PER_TURN = 8;
const ROUNDS = 80;

const QUERIES = [
  'economy',
  '"prime minister"',
  'elect*',
  'interest ra',
  'gov*ment',
  'goverment~1',
  'tag:sport year:2020',
  'source:Reuters market',
  'parliment',
  '+mobile -football',
  'title:world',
];

/** Starts the warm-up; `stop()` says when the engine has closed and the rest can be skipped,
 *  `busy()` when a real search is under way, which no warm-up step then delays. */
export function warmUp(stop: () => boolean, busy: () => boolean = () => false): void {
  const metas: SearchMeta[] = [];
  const bodies = new Map<string, string>();
  for (let i = 0; i < ITEMS; i++) {
    const [title, body] = TEXTS[i % TEXTS.length];
    const id = `warm${i}`;
    metas.push({
      id,
      kind: 'article',
      title: `${title} ${i}`,
      tags: i % 3 === 1 ? ['Sport'] : ['News'],
      source: i % 3 === 2 ? 'Reuters' : null,
      byline: null,
      notes: '',
      published: `20${10 + (i % 15)}-01-01`,
      added: '2024-01-01T00:00:00.000Z',
      language: 'en',
      hasNotes: false,
      hasHighlights: false,
      unread: false,
      stamp: '1',
    });
    // Bodies of varied lengths, so that scores vary as real ones do (not a few exact ties).
    bodies.set(id, `${body} Item ${i} of ${ITEMS}, ${TEXTS[(i * 7) % TEXTS.length][1]}${' More news.'.repeat(i % 7)}`);
  }
  const items = new LiveItems();
  for (const m of metas) items.set(m);
  let builder = new SegmentBuilder();
  // Two segments, stored and read back as the engine's are: a query then walks more than one
  // segment, sets where each one's ordinals start, reads term positions by term from the
  // bytes of a positions file, and meets the same object shapes the real ones have, so the
  // code compiled here is not thrown away at the first real search.
  const segs: Segment[] = [];
  let runner: QueryRunner | null = null;
  const steps: Array<() => void> = [];
  const store = (): void => {
    const built = builder.finish();
    builder = new SegmentBuilder();
    const bytes = encodeSegment(built.data);
    const seg = new Segment(decodeSegment(bytes, segmentChecksum(bytes)), null, () => built.stream);
    const positions = encodeStream(built.stream);
    seg.releaseStream(() => built.stream, new FilePositions(positions, seg.terms.length, seg.size, positionCache));
    for (let d = 0; d < seg.size; d++) seg.nos[d] = items.get(seg.ids[d])!.no;
    seg.base = segs.reduce((n, x) => n + x.size, 0);
    segs.push(seg);
  };
  const positionCache = new PositionCache(1 << 20);
  for (let i = 0; i < ITEMS; i += BUILD_PER_TURN) {
    steps.push(() => {
      for (const m of metas.slice(i, i + BUILD_PER_TURN))
        builder.add(analyse({ ...m, url: null, excerpt: '', body: bodies.get(m.id)!, notes: '' }));
      if (i + BUILD_PER_TURN === ITEMS / 2) store();
    });
  }
  steps.push(store);
  for (let r = 0; r < ROUNDS; r++) {
    // A runner per round: its working arrays grow at its first search, as the engine's do
    // at its first (code that runs only once in a warm-up is compiled without it).
    steps.push(() => {
      // Bodies come through a body cache, as the engine's do.
      const cache = new BodyCache(1 << 20);
      runner = new QueryRunner(items, (id) => {
        let b = cache.get(id);
        if (b === undefined) cache.set(id, (b = bodies.get(id) ?? ''));
        return b;
      });
    });
    // Pages of 50 and of 10: a short page over many matches ranks through the bounded heap.
    // Each request is checked by the contract's schema, as the app's search box sends it,
    // so that the code compiled here reads requests of the shape real ones have.
    for (const q of QUERIES) {
      const limit = r % 2 ? 10 : 50;
      steps.push(() => {
        const request = SearchRequest.parse({ q, sort: 'relevance', tags: undefined, offset: 0, limit });
        void runner!.run(request, segs, []);
      });
    }
    const m = metas[r];
    steps.push(
      () =>
        void relatedTo(
          { ...m, url: null, excerpt: '', notes: '', body: bodies.get(m.id)! },
          segs,
          (id) => items.get(id)?.meta,
          new Set(),
          5,
        ),
    );
  }
  inIdleTurns(
    () => {
      const step = steps.shift();
      if (!step) return false;
      step();
      return steps.length > 0;
    },
    stop,
    busy,
  );
}

/** How many steps a whole warm-up takes, each asking first whether to stop (for its test). */
export const WARM_UP_STEPS = Math.ceil(ITEMS / BUILD_PER_TURN) + 1 + ROUNDS * (QUERIES.length + 2);
