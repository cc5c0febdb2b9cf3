// The sync status line as the reader sees it, for each state a host can report.

import { describe, expect, it } from 'vitest';
import type { RoundReport, SyncStatus } from '../../../archive/api/types';
import { ago, moved, showValue, statusLine } from './sync-text';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const report = (sent: number, received: number): RoundReport => ({
  device: 'a',
  target: '/s',
  published: { operations: sent, segment: 1, blobs: 0, bytes: 0 },
  received: { operations: received, segments: 1, devices: 1 },
  applied: { items: 0, removed: 0, annotations: 0, changes: 0 },
  conflicts: 0,
  waiting: [],
  ignored: [],
  refused: [],
  compacted: { snapshot: null, removedSegments: 0 },
  ms: 5,
});
const base: SyncStatus = {
  device: 'a',
  target: { kind: 'folder', folder: '/home/me/Sync' },
  encrypted: false,
  lastRound: null,
  conflicts: 0,
  waitingFor: 0,
  published: 0,
  devices: {},
  paused: false,
  background: true,
  running: false,
  last: null,
  moved: null,
  error: null,
  passphrase: null,
  password: null,
  keychain: null,
};

describe('sync status line', () => {
  it('says what the last round moved and when', () => {
    expect(statusLine({ ...base, last: { at: '2026-12-01T11:57:00Z', report: report(2, 1) } }, NOW)).toBe(
      'Synced 3 min ago: sent 2 changes, received 1 change.',
    );
    expect(statusLine({ ...base, last: { at: '2026-12-01T11:59:50Z', report: report(0, 0) } }, NOW)).toBe(
      'Synced just now: nothing new.',
    );
    // An idle round does not hide what the last busy one moved.
    const busy = { at: '2026-12-01T11:50:00Z', report: report(0, 4) };
    expect(statusLine({ ...base, last: { at: '2026-12-01T11:59:50Z', report: report(0, 0) }, moved: busy }, NOW)).toBe(
      'Synced just now. Before that: received 4 changes (10 min ago).',
    );
  });

  it('puts syncing first, then a failure in one sentence, then off', () => {
    const failed = { ...base, error: 'The passphrase does not open this sync target.' };
    expect(statusLine({ ...failed, running: true }, NOW)).toBe('Syncing…');
    expect(statusLine(failed, NOW)).toBe('Sync failed: The passphrase does not open this sync target.');
    expect(statusLine({ ...base, paused: true }, NOW)).toBe('Sync is turned off.');
    expect(statusLine({ ...base, target: null }, NOW)).toBeNull();
  });

  it('reads times and values plainly', () => {
    expect(ago('2026-12-01T09:00:00Z', NOW)).toBe('3 h ago');
    expect(moved({ ...report(0, 0), waiting: ['x'] })).toBe('1 file still arriving');
    expect([showValue('A says'), showValue(null), showValue(3)]).toEqual(['“A says”', '(empty)', '3']);
  });
});
