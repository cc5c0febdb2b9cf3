import { describe, expect, it } from 'vitest';
import { analyse } from './build';
import { LiveItems } from './live-items';
import { QueryRunner } from './query';
import { Segment } from './segment';
import { SegmentBuilder } from './segment-builder';
import { item } from './test-fixtures';

/** One segment of `n` items about the same things, and the items' table. */
function index(n: number): { seg: Segment; items: LiveItems; bodies: Map<string, string> } {
  const items = new LiveItems();
  const bodies = new Map<string, string>();
  const builder = new SegmentBuilder();
  for (let i = 0; i < n; i++) {
    const it = item({
      id: `i${i}`,
      title: `Prime minister visit ${i}`,
      body: `The prime minister met farmers ${'and talked '.repeat(i % 5)}about the harvest, item ${i}.`,
    });
    items.set(it);
    bodies.set(it.id, it.body);
    builder.add(analyse({ ...it, url: null, excerpt: '' }));
  }
  const built = builder.finish();
  const seg = new Segment(built.data, built.stream);
  for (let d = 0; d < seg.size; d++) seg.nos[d] = items.get(seg.ids[d])!.no;
  return { seg, items, bodies };
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
    const inTurns = await slow.runInTurns(req, [seg], [], nextTurn);
    longest = Math.max(longest, performance.now() - last);
    expect(inTurns.total).toBe(30);
    expect(inTurns.hits).toHaveLength(30);
    expect(inTurns).toEqual(quick.run(req, [seg], []));
    // 30 bodies at 2 ms each: at least 60 ms of snippets, in turns of about 8 ms.
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(longest).toBeLessThan(40);
  });

  it('takes a single turn when the snippets are quick', async () => {
    const { seg, items, bodies } = index(10);
    const runner = new QueryRunner(items, (id) => bodies.get(id) ?? '');
    let turns = 0;
    const result = await runner.runInTurns({ q: 'harvest', limit: 5 }, [seg], [], async () => {
      turns++;
    });
    expect(result.hits.map((h) => h.id)).toEqual(
      runner.run({ q: 'harvest', limit: 5 }, [seg], []).hits.map((h) => h.id),
    );
    expect(turns).toBe(0);
  });
});
