import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppHandler, appPathOf, serveApp, APP_SCHEME_PRIVILEGES } from './protocol';
import { CONTENT_SECURITY_POLICY } from '../../archive/web/web-security';

vi.mock('electron', () => ({}));

let base: string;
let build: string;
let handler: ReturnType<typeof createAppHandler>;
const get = (url: string) => handler({ url, method: 'GET' });

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'dossier-protocol-'));
  build = path.join(base, 'renderer');
  mkdirSync(path.join(build, 'assets'), { recursive: true });
  writeFileSync(path.join(build, 'index.html'), '<!doctype html><title>Dossier</title>');
  writeFileSync(path.join(build, 'assets', 'index-abc.js'), 'console.log("hi")');
  writeFileSync(path.join(build, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(build, 'assets', 'a file.svg'), '<svg/>');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the build');
  symlinkSync(path.join(base, 'secret.txt'), path.join(build, 'assets', 'link.txt'));
  handler = createAppHandler(build);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the app:// handler', () => {
  it('serves index.html for the root and for /index.html, with its type', async () => {
    for (const url of ['app://dossier/', 'app://dossier/index.html', 'app://dossier']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<title>Dossier</title>');
    }
  });

  it('serves scripts, styles and encoded names from the build with their types', async () => {
    const js = await get('app://dossier/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('app://dossier/assets/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await get('app://dossier/assets/a%20file.svg')).status).toBe(200);
    expect((await get('app://dossier/index.html?x=1#top')).status).toBe(200);
  });

  it('puts the strict Content-Security-Policy on every response, 404s included', async () => {
    for (const url of ['app://dossier/index.html', 'app://dossier/missing.js', 'app://dossier/../secret.txt']) {
      const res = await get(url);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https:/);
  });

  it.each([
    'app://dossier/../secret.txt',
    'app://dossier/assets/../../secret.txt',
    'app://dossier/%2e%2e/secret.txt',
    'app://dossier/%2E%2E/secret.txt',
    'app://dossier/.%2e/secret.txt',
    'app://dossier/assets/%2e%2e/%2e%2e/secret.txt',
    'app://dossier/..%2fsecret.txt',
    'app://dossier/assets%2f..%2f..%2fsecret.txt',
    'app://dossier/..%5csecret.txt',
    'app://dossier/..\\secret.txt',
    'app://dossier/%2fetc%2fpasswd',
    'app://dossier//etc/passwd',
    'app://dossier/%2Ftmp%2Fsecret.txt',
    'app://dossier/C:%5cWindows%5cwin.ini',
    'app://dossier/C:/Windows/win.ini',
    'app://dossier/index.html%00.js',
    'app://dossier/%E0%A4%A',
  ])('refuses %s with a 404 (raw and as a parsed Request)', async (url) => {
    const raw = await get(url);
    expect(raw.status).toBe(404);
    expect(await raw.text()).not.toContain('outside the build');
    let parsed: Request | null = null;
    try {
      parsed = new Request(url);
    } catch {
      // Some of these are not even URLs a browser would send.
    }
    if (parsed) {
      const res = await handler(parsed);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside the build');
    }
  });

  it('refuses a symlink that leads out of the build', async () => {
    expect((await get('app://dossier/assets/link.txt')).status).toBe(404);
  });

  it('refuses other hosts, folders, missing files and other methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://dossier.evil/index.html')).status).toBe(404);
    expect((await get('file:///etc/passwd')).status).toBe(404);
    expect((await get('app://dossier/assets')).status).toBe(404);
    expect((await get('app://dossier/assets/')).status).toBe(404);
    expect((await get('app://dossier/nope.js')).status).toBe(404);
    expect((await handler({ url: 'app://dossier/index.html', method: 'POST' })).status).toBe(405);
    const head = await handler({ url: 'app://dossier/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('takes the path only from app://dossier/ URLs', () => {
    expect(appPathOf('app://dossier/assets/index-abc.js')).toBe('/assets/index-abc.js');
    expect(appPathOf('app://dossier')).toBe('/');
    expect(appPathOf('app://dossier/%2e%2e/x?y#z')).toBe('/%2e%2e/x');
    expect(appPathOf('app://other/index.html')).toBeNull();
    expect(appPathOf('https://dossier/index.html')).toBeNull();
  });
});

describe('registration', () => {
  it('asks for a standard, secure scheme and handles app:// with the build folder', async () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: expect.objectContaining({ standard: true, secure: true }),
    });
    const handlers = new Map<string, (r: Request) => Promise<Response>>();
    serveApp(
      { handle: (scheme: string, h: (r: Request) => Promise<Response>) => void handlers.set(scheme, h) } as never,
      build,
    );
    const res = await handlers.get('app')!(new Request('app://dossier/index.html'));
    expect(res.status).toBe(200);
  });
});
