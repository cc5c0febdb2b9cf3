import { describe, expect, it, vi } from 'vitest';
import { relayHostEvent } from './host-events-relay';
import { FakeWebContents } from './fake-electron';
import { windowCaller } from './ipc';

vi.mock('electron', () => ({}));

describe('relaying the archive host’s events', () => {
  it('refreshes every window but the one that made the change', () => {
    const [a, b] = [new FakeWebContents(), new FakeWebContents()];
    relayHostEvent({ name: 'changed', payload: { method: 'tags.add', by: windowCaller(a) } }, [a, b] as never);
    expect(a.sent).toEqual([]);
    expect(b.sent).toEqual([{ channel: 'dossier:changed', payload: { reason: 'edit', method: 'tags.add' } }]);
  });

  it('tells every window about a change from elsewhere, with what an import brought', () => {
    const [a, b] = [new FakeWebContents(), new FakeWebContents()];
    const payload = {
      method: 'import.paths' as const,
      by: 'socket:3',
      imported: ['x'],
      skipped: [{ file: 'y', reason: 'empty' }],
    };
    relayHostEvent({ name: 'changed', payload }, [a, b] as never);
    for (const w of [a, b])
      expect(w.sent).toEqual([
        {
          channel: 'dossier:changed',
          payload: { reason: 'import', imported: ['x'], skipped: [{ file: 'y', reason: 'empty' }] },
        },
      ]);
  });

  it('shows an import’s progress in every other window, and skips a closed one', () => {
    const [own, other, gone] = [new FakeWebContents(), new FakeWebContents(), new FakeWebContents()];
    gone.destroyed = true;
    relayHostEvent({ name: 'progress', payload: { done: 1, total: 3, by: windowCaller(own) } }, [
      own,
      other,
      gone,
    ] as never);
    expect(own.sent).toEqual([]);
    expect(other.sent).toEqual([{ channel: 'dossier:progress', payload: { done: 1, total: 3 } }]);
    expect(gone.sent).toEqual([]);
    relayHostEvent({ name: 'progress', payload: { done: 2, total: 3, by: 'menu' } }, [own] as never);
    expect(own.sent).toEqual([{ channel: 'dossier:progress', payload: { done: 2, total: 3 } }]);
  });
});
