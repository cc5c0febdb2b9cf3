// The archive host's socket, for real: a temp archive, a Unix socket (or named pipe), real
// clients. Only a client holding the token gets in; calls, events and cancellation work
// across it; what it leaves on disk is for the user alone and goes away when it closes.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { tempArchive } from '../core/test-archive';
import { openArchive } from '../api/open-archive';
import type { Archive } from '../core/archive';
import { ArchiveService } from './service';
import { startHostServer, type RunningHost } from './host-server';
import { connectHost } from './host-client';
import { hostDir, socketPath, tokenPath } from './endpoint';
import { encodeFrame, FrameReader } from './frames';
import type { ArchiveEvent } from '../api/events';

const unix = process.platform !== 'win32';
let archive: Archive;
let dir: string;
let cleanup: () => Promise<void>;
let host: RunningHost;
let seedId: string;

beforeAll(async () => {
  ({ archive, dir, cleanup } = await tempArchive());
  await archive.loaded(); // a host's archive reads dossier.json after opening (searchFirst)
  seedId = archive.data.items.find((i) => i.kind === 'article')!.id;
  // A socket left by a host that crashed: the next host replaces it.
  if (unix) {
    await fs.mkdir(hostDir(dir), { recursive: true, mode: 0o700 });
    await fs.writeFile(socketPath(dir), 'stale');
  }
  host = await startHostServer({ dir, service: new ArchiveService(archive), helloTimeoutMs: 300 });
});
afterAll(async () => {
  await host.close();
  await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens a raw connection and sends `frames`; resolves with every frame the host sent back before hanging up. */
function rawExchange(frames: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => {
    const conn = net.createConnection(socketPath(dir));
    const reader = new FrameReader();
    const got: unknown[] = [];
    conn.on('connect', () => frames.forEach((f) => conn.write(encodeFrame(f))));
    conn.on('data', (chunk) => got.push(...reader.push(chunk)));
    conn.on('error', () => undefined);
    conn.on('close', () => resolve(got));
  });
}

describe('the archive host socket', () => {
  it.runIf(unix)('lives in a folder only the user can enter, beside a token only the user can read', () => {
    expect(statSync(hostDir(dir)).mode & 0o777).toBe(0o700);
    expect(statSync(tokenPath(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(host.socket).isSocket()).toBe(true);
    expect(statSync(host.socket).mode & 0o777).toBe(0o600);
  });

  it('refuses a client with the wrong token, and cuts off one that never says hello', async () => {
    const refused = await rawExchange([
      { type: 'hello', token: 'guess', version: 1 },
      { type: 'call', id: 1, method: 'items.list', args: {} },
    ]);
    expect(refused).toEqual([{ type: 'refused', message: expect.any(String) }]);
    const started = Date.now();
    expect(await rawExchange([])).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Nothing but a hello first: a call without one is refused too.
    expect(await rawExchange([{ type: 'call', id: 1, method: 'items.list', args: {} }])).toEqual([
      { type: 'refused', message: expect.any(String) },
    ]);
  });

  it('runs calls for a client holding the token, trusted like the CLI itself', async () => {
    const client = (await connectHost(dir))!;
    expect(client).not.toBeNull();
    expect(await client.welcomed).toBe(process.pid);
    const listed = await client.call('items.list', { idPrefix: seedId.slice(0, 6) });
    expect(listed).toMatchObject({ ok: true, value: { total: 1, items: [{ id: seedId }] } });
    const file = path.join(dir, 'note.md');
    await fs.writeFile(file, '# From the socket\n\nImported through the host.');
    const imported = await client.call('import.paths', { paths: [file] });
    expect(imported).toMatchObject({ ok: true, value: { imported: [expect.any(String)] } });
    expect(await client.call('items.get', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    client.close();
  });

  it('tells every subscribed client about a change another client made, and who made it', async () => {
    const watcher = (await connectHost(dir))!;
    const editor = (await connectHost(dir))!;
    const seen: ArchiveEvent[] = [];
    const arrived = new Promise<void>((resolve) =>
      watcher.onEvent((event) => {
        seen.push(event);
        if (event.name === 'changed') resolve();
      }),
    );
    // The subscription is a message like any other: a call after it is answered after it is registered.
    await watcher.call('archive.info', {});
    expect(await editor.call('tags.add', { id: seedId, tags: ['Socket'] })).toMatchObject({ ok: true });
    await arrived;
    expect(seen).toEqual([
      { name: 'changed', payload: { method: 'tags.add', by: expect.stringMatching(/^socket:\d+$/) } },
    ]);
    expect(archive.item(seedId).tags).toContain('Socket');
    watcher.close();
    editor.close();
  });

  it('cancels a search the client gave up on', async () => {
    const client = (await connectHost(dir))!;
    const controller = new AbortController();
    const running = client.call('search.query', { q: 'Wang Yi China Russia' }, { signal: controller.signal });
    controller.abort();
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const found = await client.call('search.query', { q: 'Wang Yi' });
    expect(found.ok && (found.value as { hits: Array<{ id: string }> }).hits[0].id).toBe(seedId);
    client.close();
  });

  it('counts only authenticated clients, and forgets them when they go', async () => {
    await until(() => host.clients() === 0);
    const client = (await connectHost(dir))!;
    expect(await client.welcomed).toBe(process.pid);
    expect(host.clients()).toBe(1);
    await rawExchange([{ type: 'hello', token: 'guess', version: 1 }]);
    expect(host.clients()).toBe(1);
    client.close();
    await until(() => host.clients() === 0);
  });
});

describe('reaching a host', () => {
  it('answers null at once where no host runs: no token, or a token and socket a crash left', async () => {
    const { dir: other, cleanup: done, archive: idle } = await tempArchive();
    try {
      expect(await connectHost(other)).toBeNull();
      await fs.mkdir(hostDir(other), { recursive: true, mode: 0o700 });
      await fs.writeFile(tokenPath(other), 'left-by-a-crash', { mode: 0o600 });
      const started = Date.now();
      expect(await connectHost(other)).toBeNull();
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await idle.close();
      await done();
    }
  });

  it('removes its socket and token when it closes', async () => {
    const { dir: other, cleanup: done, archive: open } = await tempArchive();
    const running = await startHostServer({ dir: other, service: new ArchiveService(open) });
    await running.close();
    await expect(fs.stat(tokenPath(other))).rejects.toThrow();
    if (unix) await expect(fs.stat(socketPath(other))).rejects.toThrow();
    expect(await connectHost(other)).toBeNull();
    await open.close();
    await done();
  });
});

describe('a client with a stale token', () => {
  it('has its calls answered with the refusal, none of them run', async () => {
    const { dir: other, cleanup: done, archive: open } = await tempArchive();
    const running = await startHostServer({ dir: other, service: new ArchiveService(open) });
    try {
      const real = await fs.readFile(tokenPath(other), 'utf8');
      await fs.writeFile(tokenPath(other), 'a-token-from-an-earlier-host');
      const client = (await connectHost(other))!;
      const seed = open.data.items[0].id;
      const outcome = await client.call('tags.add', { id: seed, tags: ['Sneaky'] });
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/could not prove/) },
      });
      expect(await client.welcomed).toBeNull();
      expect(open.item(seed).tags).not.toContain('Sneaky');
      await fs.writeFile(tokenPath(other), real);
    } finally {
      await running.close();
      await open.close();
      await done();
    }
  });
});

describe('where the host lives', () => {
  it('keeps its socket and token in a folder of this machine’s own, inside the archive’s .host', () => {
    const folder = hostDir(dir);
    expect(path.dirname(folder)).toBe(path.join(dir, '.host'));
    expect(path.basename(folder)).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(path.dirname(tokenPath(dir))).toBe(folder);
    if (unix && host.socket.startsWith(dir)) expect(path.dirname(host.socket)).toBe(folder);
  });

  it.runIf(unix)(
    'moves a socket whose path would be too long to a private folder of the user’s, and is reached there',
    async () => {
      const deep = path.join(dir, 'x'.repeat(120));
      const socket = socketPath(deep);
      expect(Buffer.byteLength(socket)).toBeLessThanOrEqual(100);
      expect(socket).not.toBe(socketPath(dir));
      const open = await openArchive(deep);
      const running = await startHostServer({ dir: deep, service: new ArchiveService(open) });
      try {
        expect(running.socket).toBe(socket);
        expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
        const client = (await connectHost(deep))!;
        expect(await client.call('archive.info', {})).toMatchObject({ ok: true, value: { dir: deep } });
        client.close();
      } finally {
        await running.close();
        await open.close();
      }
    },
  );
});
