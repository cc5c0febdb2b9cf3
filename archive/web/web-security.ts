// What every host that serves the built renderer (`dossier serve` over HTTP, Electron's
// app:// handler) sends, from one place: the Content-Security-Policy and the other security
// headers on every response, 404s included, and files from inside the build only. A path
// that could leave the build (`..` in any spelling, a backslash, NUL, an absolute or drive
// path, a symlink pointing out) never reaches the file system as anything but a refusal.

import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The renderer's own scripts and styles only, no inline code, and no request to any other
 * origin — images in saved articles included, so that reading an article never tells a
 * remote server that it was read.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** The headers on every response a host sends the renderer (caching is the host's own choice). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The first URL of `dossier serve` carries the token: it must never travel in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup = { kind: 'file'; file: string; type: string } | { kind: 'refused' } | { kind: 'missing' };

/**
 * Checks the raw path of a request (before any URL normalisation, which would hide a
 * traversal attempt rather than refuse it) and returns the spelling to look up.
 */
export function safeRelativePath(rawPath: string): string | null {
  if (rawPath.includes('\0') || /%00/i.test(rawPath) || rawPath.includes('\\') || /%5c/i.test(rawPath)) return null;
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.startsWith('//')) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return null;
  // Once decoded, a second round of decoding must not reveal anything new either.
  if (/%2e|%2f|%5c|%00/i.test(decoded)) return null;
  const relative = segments.join('/');
  return relative === '' ? 'index.html' : relative;
}

/** Finds the file a GET for `rawPath` should send, inside `root` and nowhere else. */
export async function lookupStatic(root: string, rawPath: string): Promise<StaticLookup> {
  const relative = safeRelativePath(rawPath);
  if (relative === null) return { kind: 'refused' };
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return { kind: 'refused' };
  try {
    const [real, realBase] = await Promise.all([fs.realpath(file), fs.realpath(base)]);
    if (!real.startsWith(realBase + path.sep)) return { kind: 'refused' };
    const stat = await fs.stat(real);
    if (!stat.isFile()) return { kind: 'missing' };
    return { kind: 'file', file: real, type: contentTypeOf(real) };
  } catch {
    return { kind: 'missing' };
  }
}
