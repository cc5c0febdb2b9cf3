// The browser host as the archive's host for pages: a request the page drops (its search
// was superseded) aborts the call it made, each page's calls carry its own name, and
// `GET /api/events` streams the archive's events to a page holding the token.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from './server';
import { TOKEN_HEADER } from './request-guard';
import type { ArchiveEvent } from '../api/events';

let dir: string;
let server: RunningServer;
const listeners = new Set<(event: ArchiveEvent) => void>();
const seen: Array<{ method: string; by?: string; aborted: () => boolean }> = [];
let releaseSlow: () => void = () => undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-server-host-'));
  mkdirSync(path.join(dir, 'renderer'));
  writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Dossier</title>');
  server = await startServer({
    rendererDir: path.join(dir, 'renderer'),
    port: 0,
    token: 'test-token',
    call: async (method, args, options) => {
      const signal = options?.signal;
      seen.push({ method, by: options?.by, aborted: () => Boolean(signal?.aborted) });
      // A slow search: it waits until it is released or its caller gives up.
      if (method === 'search.query')
        await new Promise<void>(
          (resolve) => ((releaseSlow = resolve), signal?.addEventListener('abort', () => resolve())),
        );
      return { ok: true, value: { method, args } };
    },
    events: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const headers = () => ({
  Host: `127.0.0.1:${server.port}`,
  'Content-Type': 'application/json',
  [TOKEN_HEADER]: 'test-token',
});

describe('the browser host, serving the archive to pages', () => {
  it('aborts the call of a request the page dropped', async () => {
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: '/api/search.query',
      headers: headers(),
    });
    req.on('error', () => undefined);
    req.end(JSON.stringify({ q: 'superseded' }));
    await expect.poll(() => seen.filter((s) => s.method === 'search.query').length).toBe(1);
    const call = seen.find((s) => s.method === 'search.query')!;
    expect(call.aborted()).toBe(false);
    req.destroy();
    await expect.poll(() => call.aborted()).toBe(true);
    releaseSlow();
  });

  it('names each page’s calls after the page', async () => {
    const reply = await fetch(`http://127.0.0.1:${server.port}/api/items.list`, {
      method: 'POST',
      headers: { ...headers(), 'X-Dossier-Client': 'page1' },
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: 'items.list', by: 'browser:page1' });
    await fetch(`http://127.0.0.1:${server.port}/api/items.list`, {
      method: 'POST',
      headers: { ...headers(), 'X-Dossier-Client': '../../x' },
      body: '{}',
    });
    expect(seen.at(-1)).toMatchObject({ by: 'browser' });
  });

  it('streams the archive’s events to a page with the token, and to nobody without it', async () => {
    const refused = await fetch(`http://127.0.0.1:${server.port}/api/events`, {
      headers: { Host: `127.0.0.1:${server.port}` },
    });
    expect(refused.status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${server.port}/api/events`, {
      headers: headers(),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await expect.poll(() => listeners.size).toBe(1);
    const event: ArchiveEvent = { name: 'changed', payload: { method: 'tags.add', by: 'socket:1' } };
    for (const listener of listeners) listener(event);
    const wanted = `data: ${JSON.stringify(event)}\n\n`;
    let text = '';
    for (let reads = 0; reads < 20 && !text.includes(wanted); reads++) text += (await reader.read()).value ?? '';
    expect(text).toContain(wanted);
    controller.abort();
    await expect.poll(() => listeners.size).toBe(0);
  });
});
