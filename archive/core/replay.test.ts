import { describe, expect, it } from 'vitest';
import type { JournalRecord } from './journal';
import { emptyArchiveData, type ArchiveData, type Item, type Note } from './model';
import { replay, replayInTurns } from './replay';

const item = (id: string, title: string) => ({ id, title }) as unknown as Item;
const note = (id: string) => ({ id, body: id }) as unknown as Note;

/** An archive of `n` items and a few notes, at seq 10. */
function archive(n: number): ArchiveData {
  const data = emptyArchiveData();
  data.seq = 10;
  for (let i = 0; i < n; i++) data.items.push(item(`it${i}`, `title ${i}`));
  data.notes.push(note('n1'), note('n2'));
  return data;
}

function records(): JournalRecord[] {
  const at = '2026-01-01T00:00:00.000Z';
  return [
    // Already in the snapshot: skipped.
    { seq: 10, at, changes: [{ op: 'del', coll: 'items', id: 'it0' }] },
    {
      seq: 11,
      at,
      changes: [
        { op: 'put', coll: 'items', value: item('it5', 'changed') },
        { op: 'put', coll: 'items', value: item('new1', 'added') },
        { op: 'del', coll: 'items', id: 'it7' },
      ],
    },
    { seq: 12, at, changes: [{ op: 'del', coll: 'notes', id: 'n1' }] },
    { seq: 13, at, changes: [{ op: 'put', coll: 'items', value: item('it7', 'back again') }] },
  ];
}

describe('replaying the journal in turns', () => {
  it('gives the archive that replaying in one go gives, pausing while it indexes many ids', async () => {
    const whole = replay(archive(10_000), records());
    let pauses = 0;
    const inTurns = await replayInTurns(archive(10_000), records(), async () => {
      pauses++;
    });
    expect(inTurns).toEqual(whole);
    expect(inTurns.seq).toBe(13);
    expect(inTurns.items).toHaveLength(10_001);
    expect(inTurns.items[5].title).toBe('changed');
    expect(inTurns.items.find((i) => i.id === 'it7')?.title).toBe('back again');
    expect(inTurns.notes.map((n) => n.id)).toEqual(['n2']);
    // 10,000 items are indexed in slices (a pause between each), the two notes at once.
    expect(pauses).toBeGreaterThanOrEqual(2);
  });

  it('indexes nothing when the records change nothing the snapshot lacks', async () => {
    let pauses = 0;
    const data = await replayInTurns(archive(10_000), records().slice(0, 1), async () => {
      pauses++;
    });
    expect(pauses).toBe(0);
    expect(data.items).toHaveLength(10_000);
  });

  it('replays changes after a reset over the reset archive, not the indexes made before it', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    const reset = archive(3);
    reset.items = [item('r1', 'restored'), item('r2', 'restored too')];
    const { seq: _seq, version: _version, ...everything } = reset;
    const list: JournalRecord[] = [
      { seq: 11, at, changes: [{ op: 'put', coll: 'items', value: item('it1', 'before reset') }] },
      { seq: 12, at, changes: [{ op: 'reset', value: everything } as JournalRecord['changes'][number]] },
      { seq: 13, at, changes: [{ op: 'put', coll: 'items', value: item('r2', 'after reset') }] },
    ];
    const whole = replay(archive(5000), structuredClone(list));
    const inTurns = await replayInTurns(archive(5000), structuredClone(list), async () => {});
    expect(inTurns).toEqual(whole);
    expect(inTurns.items.map((i) => [i.id, i.title])).toEqual([
      ['r1', 'restored'],
      ['r2', 'after reset'],
    ]);
  });
});
