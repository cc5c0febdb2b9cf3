// Serves the built renderer (out/renderer) as app://dossier/..., so pages never load from
// file://. Only files inside the build folder are ever read: a path that tries to leave it
// (`..`, `%2e%2e`, encoded slashes, absolute paths) gets a 404, and so does a foreign host.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** The Content-Security-Policy every app:// response carries. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The privileges app:// needs before `app.ready`: a standard, secure origin with fetch. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

function securityHeaders(contentType?: string): Headers {
  const headers = new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  if (contentType) headers.set('Content-Type', contentType);
  return headers;
}

function refuse(status: 404 | 405): Response {
  return new Response(status === 404 ? 'Not found' : 'Method not allowed', { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/**
 * The file under `root` that `url` names, or null when the URL is not app://dossier/ or
 * its path is anything but plain relative segments. Checked on the raw text first (a
 * request may reach us unnormalised) and again after decoding and resolving.
 */
export function resolveAppPath(root: string, url: string): string | null {
  const match = /^app:\/\/([^/?#]*)(\/[^?#]*)?/i.exec(url);
  if (!match || match[1].toLowerCase() !== APP_HOST) return null;
  const rawPath = match[2] ?? '/';
  const rawSegments = rawPath.split('/').slice(1);
  // Dot segments, encoded or not, encoded separators or NULs, backslashes: never legitimate.
  if (rawSegments.some((s) => /^(\.|%2e){1,2}$/i.test(s))) return null;
  if (/%2f|%5c|%00|\\/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..' || s.includes('\0') || s.includes('\\') || /^[a-z]:$/i.test(s))) return null;
  if (segments.slice(0, -1).some((s) => s === '')) return null; // '//etc/passwd' and friends
  const relative = segments.join('/') || 'index.html';
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  const fromRoot = path.relative(resolvedRoot, file);
  if (!fromRoot || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;
  return file;
}

/** The app:// handler for `root`: the file with its type and the security headers, or a 404. */
export function createAppHandler(root: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = resolveAppPath(root, request.url);
    if (!file) return refuse(404);
    try {
      // Symlinks inside the build must not lead out of it either.
      const [real, realRoot] = await Promise.all([fs.realpath(file), fs.realpath(root)]);
      const fromRoot = path.relative(realRoot, real);
      if (!fromRoot || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return refuse(404);
      const stat = await fs.stat(real);
      if (!stat.isFile()) return refuse(404);
      const type = CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
      const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(real));
      return new Response(body, { status: 200, headers: securityHeaders(type) });
    } catch {
      return refuse(404);
    }
  };
}

/** Serves `root` on app:// for the given session's protocol object (after `app.ready`). */
export function serveApp(protocol: Protocol, root: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(root));
}
