// Who may talk to the extension listener: requests addressed to 127.0.0.1 on its own port
// (so no DNS-rebinding name reaches it) from a browser extension's origin (so no web page
// does: a page cannot claim a chrome-extension:// or moz-extension:// origin).

import type { IncomingMessage } from 'node:http';

const EXTENSION_ORIGIN =
  /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The request's extension origin, or null when it has none (a page, a tool, nothing). */
export function extensionOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  return typeof origin === 'string' && EXTENSION_ORIGIN.test(origin) ? origin : null;
}

/** True only for Host: 127.0.0.1:<port>, exactly. */
export function isOwnHost(req: IncomingMessage, port: number): boolean {
  return req.headers.host === `127.0.0.1:${port}`;
}
