// Runs each kind of search over a small made-up index right after an archive opens, one search
// per turn of the event loop and each kind several times, so that the first real search of
// each kind (a phrase, a prefix, a filter, related items) neither compiles its code nor runs
// its loops unoptimised on the thread that answers. The index is built a few items per turn.
// It touches none of the engine's state, reads no file and never keeps a process alive.

import { analyse } from './build';
import { LiveItems } from './live-items';
import { QueryRunner } from './query';
import { relatedTo } from './related';
import { Segment } from './segment';
import { SegmentBuilder } from './segment-builder';
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
 *  work for the engine's loops to be optimised, a few milliseconds per turn. */
const ITEMS = 240;
const BUILD_PER_TURN = 8;
const ROUNDS = 12;

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

/** Starts the warm-up; `stop()` says when the engine has closed and the rest can be skipped. */
export function warmUp(stop: () => boolean): void {
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
    bodies.set(id, `${body} Item ${i} of ${ITEMS}, ${TEXTS[(i * 7) % TEXTS.length][1]}`);
  }
  const items = new LiveItems();
  for (const m of metas) items.set(m);
  const builder = new SegmentBuilder();
  let seg: Segment | null = null;
  let runner: QueryRunner | null = null;
  const steps: Array<() => void> = [];
  for (let i = 0; i < ITEMS; i += BUILD_PER_TURN) {
    steps.push(() => {
      for (const m of metas.slice(i, i + BUILD_PER_TURN))
        builder.add(analyse({ ...m, url: null, excerpt: '', body: bodies.get(m.id)!, notes: '' }));
    });
  }
  steps.push(() => {
    const built = builder.finish();
    seg = new Segment(built.data, built.stream);
    for (let d = 0; d < seg.size; d++) seg.nos[d] = items.get(seg.ids[d])!.no;
    runner = new QueryRunner(items, (id) => bodies.get(id) ?? '');
  });
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) steps.push(() => void runner!.run({ q, limit: 50 }, [seg!], []));
    const m = metas[r];
    steps.push(
      () =>
        void relatedTo(
          { ...m, url: null, excerpt: '', notes: '', body: bodies.get(m.id)! },
          [seg!],
          (id) => items.get(id)?.meta,
          new Set(),
          5,
        ),
    );
  }
  const next = (): void => {
    const step = steps.shift();
    if (!step || stop()) return;
    try {
      step();
    } catch {
      // A warm-up that fails only leaves the first real search as slow as it was.
      return;
    }
    setTimeout(next, 0).unref();
  };
  setTimeout(next, 0).unref();
}

/** How many turns a whole warm-up takes (for its test). */
export const WARM_UP_TURNS = Math.ceil(ITEMS / BUILD_PER_TURN) + 1 + ROUNDS * (QUERIES.length + 1);
