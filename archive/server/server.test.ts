import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from './server';
import { safeRelativePath } from '../web/web-security';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so that paths and headers reach the server exactly as written. */
function request(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('the loopback browser host', () => {
  let dir: string;
  let server: RunningServer;
  const calls: Array<{ method: string; args: unknown }> = [];
  let own: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-server-'));
    const build = path.join(dir, 'renderer');
    mkdirSync(path.join(build, 'assets'), { recursive: true });
    writeFileSync(path.join(build, 'index.html'), '<!doctype html><title>Dossier</title>');
    writeFileSync(path.join(build, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(path.join(build, 'assets', 'app-1234.css'), 'body{}');
    writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(build, 'link.txt'));
    server = await startServer({
      rendererDir: build,
      port: 0,
      maxBodyBytes: 1024,
      call: async (method, args) => {
        calls.push({ method, args });
        return { ok: true, value: { method, args } };
      },
    });
    own = { Host: `127.0.0.1:${server.port}` };
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    request(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { ...own, 'Content-Type': 'application/json', 'X-Dossier-Token': server.token, ...headers },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 and prints an address with a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves the app with a strict Content-Security-Policy and the right content types', async () => {
    const page = await request(server.port, { path: '/', headers: own });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await request(server.port, { path: '/assets/app-1234.js', headers: own })).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await request(server.port, { path: '/assets/app-1234.css', headers: own })).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await request(server.port, { path: '/nothing.js', headers: own })).status).toBe(404);
  });

  it('passes a call with the token to the contract, untouched', async () => {
    const reply = await post('items.get', { id: '0123456789abcdef' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      ok: true,
      value: { method: 'items.get', args: { id: '0123456789abcdef' } },
    });
    expect(calls.at(-1)).toEqual({ method: 'items.get', args: { id: '0123456789abcdef' } });
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const before = calls.length;
    expect((await post('archive.info', {}, { 'X-Dossier-Token': '' })).status).toBe(401);
    expect(
      (
        await post(
          'archive.info',
          {},
          { 'X-Dossier-Token': server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A') },
        )
      ).status,
    ).toBe(401);
    const noHeader = await request(server.port, {
      method: 'POST',
      path: '/api/archive.info',
      headers: { ...own, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noHeader.status).toBe(401);
    expect(JSON.parse(noHeader.body).ok).toBe(false);
    expect(calls.length).toBe(before);
  });

  it('refuses a foreign Host or Origin with 403, even with the token', async () => {
    const before = calls.length;
    expect((await post('archive.info', {}, { Host: 'evil.example' })).status).toBe(403);
    expect((await post('archive.info', {}, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await post('archive.info', {}, { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await post('archive.info', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('archive.info', {}, { Origin: 'null' })).status).toBe(403);
    expect((await post('archive.info', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await request(server.port, { path: '/', headers: { Host: 'rebound.example' } })).status).toBe(403);
    expect(calls.length).toBe(before);
    expect(
      (await post('archive.info', {}, { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` }))
        .status,
    ).toBe(200);
  });

  it('keeps static paths inside the build', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%252e%252e/secret.txt',
      '/..\\secret.txt',
      '/%5c..%5csecret.txt',
      '//etc/passwd',
      '/index.html%00.js',
      '/link.txt',
      '/C:/Windows/win.ini',
    ]) {
      const reply = await request(server.port, { path: p, headers: own });
      expect(reply.status, p).toBeGreaterThanOrEqual(400);
      expect(reply.body, p).not.toContain('SECRET');
    }
    expect(safeRelativePath('/assets/app.js')).toBe('assets/app.js');
    expect(safeRelativePath('/')).toBe('index.html');
    expect(safeRelativePath('/a/../b')).toBeNull();
  });

  it('refuses bodies over the limit with 413 and never calls the contract', async () => {
    const before = calls.length;
    const reply = await post('import.files', { files: [{ name: 'a.txt', data: 'x'.repeat(4096) }] });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).ok).toBe(false);
    expect(calls.length).toBe(before);
  });

  it('answers unknown methods, wrong verbs and non-JSON bodies without calling the contract', async () => {
    const before = calls.length;
    const unknown = await post('shell.exec', {});
    expect(unknown.status).toBe(404);
    // Host-only methods name paths on this machine: a page can never reach them.
    expect((await post('import.paths', { paths: ['/etc/passwd'] })).status).toBe(404);
    expect((await post('export.archive', { out: '/tmp/x.dossier' })).status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(
      (await request(server.port, { path: '/api/archive.info', headers: { ...own, 'X-Dossier-Token': server.token } }))
        .status,
    ).toBe(405);
    expect((await post('archive.info', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    const broken = await request(server.port, {
      method: 'POST',
      path: '/api/archive.info',
      headers: { ...own, 'Content-Type': 'application/json', 'X-Dossier-Token': server.token },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect(calls.length).toBe(before);
  });

  it('gives every start its own token', async () => {
    const other = await startServer({ rendererDir: dir, port: 0, call: async () => ({ ok: true, value: null }) });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });
});
