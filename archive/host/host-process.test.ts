// The archive host process for real: the built entry forked as a child (as the desktop app
// starts its utility process), a real archive in a temp folder. It opens the archive as the
// one writer, answers its parent's calls with the caller's trust, serves the socket the CLI
// uses, passes every change on to its parent, and closes cleanly on request.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { tempDir } from '../core/test-archive';
import { forkHost, type ForkedHost } from './test-host';
import { connectHost } from './host-client';
import { tokenPath } from './endpoint';
import type { ArchiveEvent } from '../api/events';

let dir: string;
let host: ForkedHost;

beforeAll(async () => {
  dir = await tempDir('dossier-host-process-');
  host = await forkHost(dir);
});
afterAll(async () => {
  await host.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the archive host process', () => {
  it('opens (and seeds) the archive, holding its lock, and says where its socket is', () => {
    expect(host.start).toEqual({ ok: true, pid: host.child.pid, socket: expect.any(String) });
    expect(existsSync(path.join(dir, '.lock'))).toBe(true);
    expect(existsSync(path.join(dir, 'dossier.json'))).toBe(true);
  });

  it('answers calls with the trust its parent gives each one', async () => {
    const listed = await host.link.call('items.list', {}, { trusted: false });
    expect(listed).toMatchObject({ ok: true, value: { total: 2 } });
    const refused = await host.link.call('export.archive', { out: path.join(dir, 'x.dossier') }, { trusted: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const exported = await host.link.call('export.archive', { out: path.join(dir, 'x.dossier') }, { trusted: true });
    expect(exported).toMatchObject({ ok: true, value: { items: 2 } });
  });

  it('passes a change made over its socket on to its parent, naming who made it', async () => {
    const events: ArchiveEvent[] = [];
    const changed = new Promise<void>((resolve) =>
      host.link.onEvent((e) => (events.push(e), e.name === 'changed' && resolve())),
    );
    const client = (await connectHost(dir))!;
    expect(await client.welcomed).toBe(host.child.pid);
    const listed = await client.call('items.list', { kind: 'article' });
    const id = (listed as { ok: true; value: { items: Array<{ id: string }> } }).value.items[0].id;
    expect(await client.call('tags.add', { id, tags: ['From the CLI'] })).toMatchObject({ ok: true });
    client.close();
    await changed;
    expect(events.at(-1)).toEqual({
      name: 'changed',
      payload: { method: 'tags.add', by: expect.stringMatching(/^socket:/) },
    });
    // The parent sees the edit too: one archive, one process.
    const view = await host.link.call('items.get', { id }, { trusted: false, by: 'window:1' });
    expect(view).toMatchObject({ ok: true, value: { tags: expect.arrayContaining(['From the CLI']) } });
  });

  it('reports why it cannot open an archive another process holds, and exits', async () => {
    const second = await forkHost(dir);
    expect(second.start).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/open in/) } });
    expect(await second.stop()).toBe(1);
  });

  it('flushes, closes and lets go of the archive when asked', async () => {
    const other = await tempDir('dossier-host-close-');
    const running = await forkHost(other);
    expect(running.start.ok).toBe(true);
    const before = await running.link.call('items.list', {}, { trusted: false });
    expect(before.ok).toBe(true);
    expect(await running.stop()).toBe(0);
    expect(existsSync(path.join(other, '.lock'))).toBe(false);
    expect(existsSync(tokenPath(other))).toBe(false);
    expect(await connectHost(other)).toBeNull();
    expect(await running.link.call('items.list', {}, { trusted: false })).toMatchObject({
      ok: false,
      error: { code: 'io_error' },
    });
    await rm(other, { recursive: true, force: true });
  });
});
