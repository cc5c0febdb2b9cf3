// Serves the built renderer (out/renderer) as app://dossier/..., so pages never load from
// file://. Only files inside the build folder are ever read: a path that tries to leave it
// (`..`, `%2e%2e`, encoded slashes, absolute paths) gets a 404, and so does a foreign host.

import { promises as fs } from 'node:fs';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { SECURITY_HEADERS, lookupStatic } from '../../archive/web/web-security';

/** The privileges app:// needs before `app.ready`: a standard, secure origin with fetch. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

function securityHeaders(contentType?: string): Headers {
  const headers = new Headers({ ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' });
  if (contentType) headers.set('Content-Type', contentType);
  return headers;
}

function refuse(status: 404 | 405): Response {
  return new Response(status === 404 ? 'Not found' : 'Method not allowed', {
    status,
    headers: securityHeaders('text/plain; charset=utf-8'),
  });
}

/**
 * The raw path of an app://dossier/ URL, or null for any other host. The path itself is
 * checked by the same lookup `dossier serve` uses, before any decoding could hide a `..`.
 */
export function appPathOf(url: string): string | null {
  const match = /^app:\/\/([^/?#]*)(\/[^?#]*)?/i.exec(url);
  return match && match[1].toLowerCase() === APP_HOST ? (match[2] ?? '/') : null;
}

/** The app:// handler for `root`: the file with its type and the security headers, or a 404. */
export function createAppHandler(root: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const rawPath = appPathOf(request.url);
    const found = rawPath === null ? null : await lookupStatic(root, rawPath);
    if (!found || found.kind !== 'file') return refuse(404);
    try {
      const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(found.file));
      return new Response(body, { status: 200, headers: securityHeaders(found.type) });
    } catch {
      return refuse(404);
    }
  };
}

/** Serves `root` on app:// for the given session's protocol object (after `app.ready`). */
export function serveApp(protocol: Protocol, root: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(root));
}
