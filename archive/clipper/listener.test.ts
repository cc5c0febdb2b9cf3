// The extension listener over real HTTP on 127.0.0.1 with a real archive: pairing with the
// one-time code, the token bound to the extension's origin, and every refusal the issue
// names (no token, a forged token, a web page's origin, a foreign Host, other methods).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { startClipper, type RunningClipper } from './listener';
import { Pairing } from './pairing';
import { dispatch } from '../api/dispatch';
import { tempArchive } from '../core/test-archive';
import type { Archive } from '../core/archive';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const OTHER_EXT = 'moz-extension://0a1b2c3d-0000-4000-8000-0123456789ab';
let archive: Archive;
let dir: string;
let cleanup: () => Promise<void>;
let clipper: RunningClipper;
let pairing: Pairing;

function post(
  pathname: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: clipper.port,
        path: pathname,
        method: 'POST',
        headers: { host: `127.0.0.1:${clipper.port}`, origin: EXT, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || 'null'), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

beforeAll(async () => {
  ({ archive, dir, cleanup } = await tempArchive());
  pairing = await Pairing.load({ file: path.join(dir, 'clipper-tokens.json') });
  clipper = await startClipper({ port: 0, pairing, call: (m, a) => dispatch(archive, m, a, { trusted: false }) });
});
afterAll(async () => {
  await clipper.close();
  await cleanup();
});

describe('the extension listener', () => {
  let token: string;
  it('trades the one-time code for a token, once', async () => {
    const code = pairing.code();
    expect(await post('/pair', { code: '000 000' === code ? '111 111' : '000 000' })).toMatchObject({ status: 401 });
    const paired = await post('/pair', { code: code.replace(' ', '') });
    expect(paired.status).toBe(200);
    expect(paired.headers['access-control-allow-origin']).toBe(EXT);
    token = paired.json.value.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await post('/pair', { code })).toMatchObject({ status: 401 });
    // Only a hash is kept, in a file only the user may read.
    const file = path.join(dir, 'clipper-tokens.json');
    expect(await fs.readFile(file, 'utf8')).not.toContain(token);
    expect((await fs.stat(file)).mode & 0o077).toBe(0);
    // A restarted listener still knows the token.
    expect((await Pairing.load({ file })).accepts(token, EXT)).toBe(true);
  });

  it('replaces the code after five wrong guesses', async () => {
    const code = pairing.code();
    for (let i = 0; i < 5; i++) await post('/pair', { code: 'nope' });
    expect(pairing.code()).not.toBe(code);
  });

  it('saves a page for a paired extension', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect(await post('/status', {}, auth)).toMatchObject({ status: 200, json: { ok: true } });
    const html = `<html><head><title>Harbour</title></head><body><article><h1>Harbour reopens</h1><p>${'The harbour reopened on Tuesday after the storm had closed it for a week. '.repeat(5)}</p></article></body></html>`;
    const saved = await post(
      '/api/import.page',
      { url: 'https://example.org/harbour', title: 'Harbour', html, tags: ['ports'] },
      auth,
    );
    expect(saved).toMatchObject({ status: 200, json: { ok: true, value: { created: true, kind: 'article' } } });
    expect(archive.view(saved.json.value.id).tags).toEqual(['ports']);
    const tagged = await post('/api/tags.add', { id: saved.json.value.id, tags: ['storms'] }, auth);
    expect(tagged.json.value.tags.sort()).toEqual(['ports', 'storms']);
  });

  it('refuses no token, a forged token, another origin, a web page, a foreign Host and other methods', async () => {
    const items = archive.data.items.length;
    const page = { url: 'https://example.org/forged', title: 'x', html: '<p>x</p>' };
    expect(await post('/api/import.page', page)).toMatchObject({ status: 401 });
    expect(await post('/api/import.page', page, { authorization: `Bearer ${'A'.repeat(43)}` })).toMatchObject({
      status: 401,
    });
    expect(await post('/api/import.page', page, { authorization: `Bearer ${token}`, origin: OTHER_EXT })).toMatchObject(
      { status: 401 },
    );
    const fromPage = await post('/api/import.page', page, {
      authorization: `Bearer ${token}`,
      origin: 'http://127.0.0.1:8080',
    });
    expect(fromPage.status).toBe(403);
    expect(fromPage.headers['access-control-allow-origin']).toBeUndefined();
    expect(await post('/api/import.page', page, { authorization: `Bearer ${token}`, origin: 'null' })).toMatchObject({
      status: 403,
    });
    expect(
      await post('/api/import.page', page, { authorization: `Bearer ${token}`, host: `localhost:${clipper.port}` }),
    ).toMatchObject({ status: 403 });
    expect(
      await post('/api/import.page', page, { authorization: `Bearer ${token}`, host: `evil.example:${clipper.port}` }),
    ).toMatchObject({ status: 403 });
    expect(
      await post('/api/items.delete', { id: archive.data.items[0].id }, { authorization: `Bearer ${token}` }),
    ).toMatchObject({ status: 404 });
    expect(
      await post('/api/import.paths', { paths: ['/etc/passwd'] }, { authorization: `Bearer ${token}` }),
    ).toMatchObject({ status: 404 });
    expect(archive.data.items.length).toBe(items);
  });
});
