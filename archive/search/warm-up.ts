// Runs each kind of search once over a tiny made-up index right after an archive opens, one
// kind per turn of the event loop, so that the first real search of each kind (a phrase, a
// prefix, a filter, related items) does not compile its code on the thread that answers.
// It touches none of the engine's state, reads no file and never keeps a process alive.

import { analyse, buildSegment } from './build';
import { LiveItems } from './live-items';
import { QueryRunner } from './query';
import { relatedTo } from './related';
import { Segment } from './segment';
import type { SearchMeta } from './types';

const TEXTS = [
  ['Prime minister sets out interest rates plan', 'The prime minister said interest rates would stay low as the government set out its plan for the economy and elections.'],
  ['World cup football final', 'The world cup final drew millions of football fans; the government and the minister praised the technology behind it.'],
  ['Mobile phone makers report growth', 'Mobile phone makers reported growth in technology sales, and the economy grew faster than the government expected.'],
];

const QUERIES = ['economy', '"prime minister"', 'elect*', 'interest ra', 'gov*ment', 'goverment~1', 'tag:sport year:2020', 'source:Reuters market', 'parliment', '+mobile -football', 'title:world'];

/** Starts the warm-up; `stop()` says when the engine has closed and the rest can be skipped. */
export function warmUp(stop: () => boolean): void {
  const metas: SearchMeta[] = TEXTS.map(([title], i) => ({
    id: `warm${i}`,
    kind: 'article',
    title,
    tags: i === 1 ? ['Sport'] : ['News'],
    source: i === 2 ? 'Reuters' : null,
    byline: null,
    notes: '',
    published: `202${i}-01-01`,
    added: '2024-01-01T00:00:00.000Z',
    language: 'en',
    hasNotes: false,
    hasHighlights: false,
    unread: false,
    stamp: '1',
  }));
  const bodies = new Map(metas.map((m, i) => [m.id, TEXTS[i][1]]));
  const items = new LiveItems();
  for (const m of metas) items.set(m);
  const docs = metas.map((m) => analyse({ ...m, title: m.title, url: null, excerpt: '', body: bodies.get(m.id)!, notes: '' }));
  const built = buildSegment(docs);
  const seg = new Segment(built.data, built.stream);
  for (let d = 0; d < seg.size; d++) seg.nos[d] = items.get(seg.ids[d])!.no;
  const runner = new QueryRunner(items, (id) => bodies.get(id) ?? '');
  const steps: Array<() => void> = QUERIES.map((q) => () => void runner.run({ q, limit: 50 }, [seg], []));
  steps.push(() => void relatedTo({ ...metas[0], url: null, excerpt: '', notes: '', body: bodies.get(metas[0].id)! }, [seg], (id) => items.get(id)?.meta, new Set(), 5));
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
