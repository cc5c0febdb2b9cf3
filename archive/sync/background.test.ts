// Background rounds: an edit brings a round soon after (a burst of edits, one round), the
// round's own changes bring none, and nothing runs without a target or after stop().
// (Edits made while a round runs wait for the next edit or the timer.)

import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tempArchive, tempDir, draft } from '../core/test-archive';
import { addItem, updateItem } from '../core/items';
import { BackgroundSync } from './background';
import { syncRound } from './round';
import { FolderTarget } from './target';
import type { RoundReport } from './types';

const TEXT = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background sync', () => {
  it('runs one round after a burst of edits, none for its own changes, none after stop', async () => {
    const folder = await tempDir('dossier-sync-bg-');
    const a = await tempArchive({ seeded: false });
    const b = await tempArchive({ seeded: false });
    const remember = { kind: 'folder' as const, folder };
    await syncRound(b.archive, new FolderTarget(folder), { remember });
    const x = await addItem(a.archive, draft('Edited in the app', TEXT));
    await syncRound(a.archive, new FolderTarget(folder), { remember });

    const rounds: RoundReport[] = [];
    const background = new BackgroundSync(b.archive, {
      debounceMs: 50,
      intervalMs: 60_000,
      onRound: (r) => rounds.push(r),
    });
    background.start();
    // A round on the timer's behalf brings A's item; applying it schedules nothing more.
    await background.round();
    expect(b.archive.item(x).title).toBe('Edited in the app');
    await settle(200);
    expect(rounds).toHaveLength(1);

    for (let i = 0; i < 5; i++) updateItem(b.archive, x, { title: `Edit ${i}` });
    for (let waited = 0; rounds.length < 2 && waited < 10_000; waited += 50) await settle(50);
    await settle(300);
    expect(rounds).toHaveLength(2);
    expect(rounds[1].published.operations).toBeGreaterThan(0);
    await syncRound(a.archive, new FolderTarget(folder));
    expect(a.archive.item(x).title).toBe('Edit 4');

    await background.stop();
    updateItem(b.archive, x, { title: 'After stop' });
    await settle(200);
    expect(rounds).toHaveLength(2);

    // Without a target there is nothing to do and nothing to report.
    const c = await tempArchive({ seeded: false });
    const idle = new BackgroundSync(c.archive, { debounceMs: 10 });
    idle.start();
    await idle.round();
    expect([idle.last, idle.error]).toEqual([null, null]);
    await idle.stop();
    for (const t of [a, b, c]) await t.cleanup();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('runs an explicit round, a choice or a setting only after the round under way, never beside it', async () => {
    const a = await tempArchive({ seeded: false });
    const log: string[] = [];
    const report = {
      published: { operations: 1 },
      received: { operations: 0 },
      applied: { changes: 0 },
    } as RoundReport;
    const background = new BackgroundSync(a.archive, {
      debounceMs: 10_000,
      run: async () => {
        log.push('background starts');
        await settle(150);
        log.push('background ends');
        return report;
      },
    });
    background.start();
    const first = background.round();
    expect(background.running).toBe(true);
    const explicit = background.runNow(async () => {
      log.push('explicit runs');
      return report;
    });
    const choice = background.exclusive(async () => void log.push('choice runs'));
    await Promise.all([first, explicit, choice]);
    expect(log).toEqual(['background starts', 'background ends', 'explicit runs', 'choice runs']);
    expect([background.running, background.moved?.report]).toEqual([false, report]);
    // A failed explicit round is thrown to its caller and shown on the status line.
    await expect(
      background.runNow(async () => Promise.reject(new Error('Cannot reach 127.0.0.1:9: refused.\nstack'))),
    ).rejects.toThrow(/^Cannot reach/);
    expect(background.error).toBe('Cannot reach 127.0.0.1:9: refused.');
    await background.stop();
    await a.cleanup();
  });
});
