// Decides whether a request may reach the archive at all: only this server's own Host and
// Origin (so a web page elsewhere, or a DNS-rebinding name, cannot drive it) and, for the
// API, the token printed at start-up, compared in constant time.

import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-dossier-token';

/** A fresh, unguessable token for one run of the server. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when Host names this server and Origin, if sent, is this server's own page. */
export function isOwnRequest(req: IncomingMessage, port: number): boolean {
  const hosts = allowedHosts(port);
  const host = req.headers.host;
  if (!host || !hosts.includes(host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) return false;
  // Browsers say where a request comes from; anything but the page itself is refused.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  return true;
}

export function hasToken(req: IncomingMessage, token: string): boolean {
  const given = req.headers[TOKEN_HEADER];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
