import { describe, expect, it } from 'vitest';
import { LiveItems } from './live-items';
import { QueryRunner, Turns } from './query';
import { Segment } from './segment';
import { SegmentBuilder } from './segment-builder';
import { analysedItem, item } from './test-fixtures';
import type { SearchRequest, SearchResult } from './types';

/** One segment of `n` items about the same things, and the items' table (`into`'s, when
 *  given: the ids then start with `prefix`). */
function index(
  n: number,
  into?: { items: LiveItems; bodies: Map<string, string> },
  prefix = 'i',
): { seg: Segment; items: LiveItems; bodies: Map<string, string> } {
  const items = into?.items ?? new LiveItems();
  const bodies = into?.bodies ?? new Map<string, string>();
  const builder = new SegmentBuilder();
  for (let i = 0; i < n; i++) {
    const it = item({
      id: `${prefix}${i}`,
      title: `Prime minister visit ${i}`,
      body: `The prime minister met farmers ${'and talked '.repeat(i % 5)}about the harvest, item ${i}.`,
    });
    items.set(it);
    bodies.set(it.id, it.body);
    builder.add(analysedItem(it));
  }
  const built = builder.finish();
  const seg = new Segment(built.data, built.stream);
  for (let d = 0; d < seg.size; d++) seg.nos[d] = items.get(seg.ids[d])!.no;
  return { seg, items, bodies };
}

/** A query answered as the engine answers it: ranked in turns, then its page made in turns. */
async function inTurns(
  runner: QueryRunner,
  req: SearchRequest,
  segs: Segment[],
  nextTurn: () => Promise<void>,
): Promise<SearchResult> {
  const turns = new Turns(nextTurn);
  return runner.pageInTurns(await runner.rankInTurns(req, segs, [], turns), turns);
}

/** Busy for `ms`, as reading and analysing a long body from a slow disk can be. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('a query answered in turns', () => {
  it('gives the thread back while its snippets take long, and answers exactly as in one turn', async () => {
    const { seg, items, bodies } = index(30);
    const slow = new QueryRunner(items, (id) => {
      busy(2);
      return bodies.get(id) ?? '';
    });
    const quick = new QueryRunner(items, (id) => bodies.get(id) ?? '');
    let turns = 0;
    let longest = 0;
    let last = performance.now();
    const nextTurn = async () => {
      longest = Math.max(longest, performance.now() - last);
      turns++;
      await new Promise((r) => setImmediate(r));
      last = performance.now();
    };
    const req = { q: '"prime minister" harvest', limit: 30 };
    const answer = await inTurns(slow, req, [seg], nextTurn);
    longest = Math.max(longest, performance.now() - last);
    expect(answer.total).toBe(30);
    expect(answer.hits).toHaveLength(30);
    expect(answer).toEqual(quick.run(req, [seg], []));
    // 30 bodies at 2 ms each: at least 60 ms of snippets, in turns of about 3 ms.
    expect(turns).toBeGreaterThanOrEqual(10);
    expect(longest).toBeLessThan(40);
  });

  it('takes a single turn when the snippets are quick', async () => {
    const { seg, items, bodies } = index(10);
    const runner = new QueryRunner(items, (id) => bodies.get(id) ?? '');
    let turns = 0;
    const result = await inTurns(runner, { q: 'harvest', limit: 5 }, [seg], async () => {
      turns++;
    });
    expect(result.hits.map((h) => h.id)).toEqual(
      runner.run({ q: 'harvest', limit: 5 }, [seg], []).hits.map((h) => h.id),
    );
    expect(turns).toBe(0);
  });

  it('ranks in short steps, giving the thread back between them, to exactly the answer of one run', async () => {
    // More postings for one word than a step walks (scorer.ts STEP_POSTINGS), in two segments.
    const a = index(2600);
    const b = index(2600, a, 'j');
    const segs = [a.seg, b.seg];
    segs[1].base = a.seg.size;
    const runner = new QueryRunner(a.items, (id) => a.bodies.get(id) ?? '');
    /** Gives the thread back at every chance. */
    class EveryStep extends Turns {
      given = 0;
      override due(): boolean {
        return true;
      }
      override async next(): Promise<void> {
        this.given++;
        await new Promise((r) => setImmediate(r));
      }
    }
    for (const req of [
      { q: 'harvest farmers', limit: 50 },
      { q: '"prime minister" -talked', limit: 20 },
      { q: 'harv', limit: 10 },
      { q: 'tag:none', limit: 5 },
    ]) {
      const turns = new EveryStep(async () => {});
      const ranked = await runner.rankInTurns(req, segs, [], turns);
      const inTurns = await runner.pageInTurns(ranked, turns);
      expect(inTurns, req.q).toEqual(runner.run(req, segs, []));
      expect(turns.given, req.q).toBeGreaterThanOrEqual(4);
    }
  });

  it('refuses a second ranking on the same runner while one is under way in turns', async () => {
    const { seg, items, bodies } = index(10);
    const runner = new QueryRunner(items, (id) => bodies.get(id) ?? '');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = new (class extends Turns {
      override due(): boolean {
        return true;
      }
      override next(): Promise<void> {
        return held;
      }
    })(async () => {});
    const first = runner.rankInTurns({ q: 'harvest' }, [seg], [], slow);
    expect(() => runner.run({ q: 'harvest' }, [seg], [])).toThrow(/being ranked/);
    release();
    expect((await first).result.total).toBe(10);
    expect(runner.run({ q: 'harvest' }, [seg], []).total).toBe(10);
  });
});
