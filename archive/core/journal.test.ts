import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecord, JournalWriter, readJournal } from './journal';

describe('reading the journal', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  it('gives the thread back between slices of a long journal, and reads the same records as whole', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-journal-'));
    const file = path.join(dir, 'journal');
    const records = Array.from({ length: 2000 }, (_, i) => ({
      seq: i + 1,
      at: '2026-12-03T10:00:00.000Z',
      changes: [{ op: 'del', coll: 'items', id: i.toString(16).padStart(16, '0') }],
    }));
    // Written as the store writes one: its header, then the records.
    const writer = await JournalWriter.open(file, null);
    await writer.append(records.map((r) => encodeRecord(JSON.stringify(r))).join(''));
    await writer.close();
    let pauses = 0;
    const sliced = await readJournal(file, async () => {
      pauses++;
      await new Promise((resolve) => setImmediate(resolve));
    });
    const whole = await readJournal(file);
    expect(sliced).toEqual(whole);
    expect(sliced?.records).toHaveLength(2000);
    expect(sliced?.records.at(-1)?.seq).toBe(2000);
    // Some 220 KB of records: a pause every 32 KB.
    expect(pauses).toBeGreaterThanOrEqual(5);
    expect(pauses).toBeLessThan(20);
  });
});
