// The loopback listener the browser extension saves pages to. It answers on 127.0.0.1 only,
// to requests with its own Host and an extension's Origin; pairing trades a one-time code
// for a token, and every other call needs a paired token from the same origin. It offers
// only what saving needs (CLIPPER_METHODS), through `call`, so it works with any host.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pairing } from './pairing';
import { extensionOrigin, isOwnHost } from './origin-check';

/** 41184 is Joplin's; Dossier's listener sits next to it by default. */
export const DEFAULT_CLIPPER_PORT = 41_185;
/** A page with its images inlined can be large; a bigger body is refused unread. */
const MAX_BODY_BYTES = 48 * 1024 * 1024;

/** What the extension may ask of the archive, and nothing else. */
export const CLIPPER_METHODS = ['import.page', 'tags.add', 'tags.list', 'items.get'] as const;

export interface ClipperOptions {
  port: number;
  pairing: Pairing;
  /** Runs one contract call as an untrusted caller and returns its Outcome. */
  call: (method: string, args: unknown) => Promise<unknown>;
  /** Shows an item in Dossier; answers the address the extension should open, if any. */
  open?: (id: string) => Promise<{ url: string | null }>;
  /** A name for the archive, shown in the popup once paired. */
  name?: string;
}

export interface RunningClipper {
  port: number;
  close(): Promise<void>;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function reply(res: http.ServerResponse, status: number, value: unknown, origin: string | null): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}),
  });
  res.end(body);
}

const refusal = (message: string) => ({ ok: false, error: { code: 'invalid_argument', message } });

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? '')))
    throw new Refused(415, 'Requests must be JSON.');
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) throw new Refused(413, 'The page is too large to save.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Refused(413, 'The page is too large to save.');
    chunks.push(chunk);
  }
  try {
    return size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refused(400, 'The request body is not valid JSON.');
  }
}

function bearer(req: http.IncomingMessage): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(String(req.headers.authorization ?? ''));
  return m?.[1];
}

export async function startClipper(options: ClipperOptions): Promise<RunningClipper> {
  let port = options.port;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const origin = extensionOrigin(req);
    if (!isOwnHost(req, port)) throw new Refused(403, 'Wrong host.');
    if (origin === null) throw new Refused(403, 'Only the Dossier browser extension may call this.');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
      return void res.end();
    }
    if (req.method !== 'POST') throw new Refused(405, 'Method not allowed.');
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/pair') {
      const body = (await readJson(req)) as { code?: unknown };
      const token = typeof body.code === 'string' ? await options.pairing.redeem(body.code, origin) : null;
      if (token === null)
        throw new Refused(401, 'That pairing code is wrong or has expired. Check the code Dossier shows.');
      return reply(res, 200, { ok: true, value: { token } }, origin);
    }
    if (!options.pairing.accepts(bearer(req), origin))
      throw new Refused(401, 'This browser is not paired with Dossier. Pair it again with the code Dossier shows.');
    const body = await readJson(req);
    if (path === '/status') return reply(res, 200, { ok: true, value: { name: options.name ?? 'Dossier' } }, origin);
    if (path === '/open') {
      const id = (body as { id?: unknown }).id;
      if (typeof id !== 'string' || !/^[0-9a-f]{16}$/.test(id))
        throw new Refused(400, 'An item id is 16 hexadecimal digits.');
      return reply(res, 200, { ok: true, value: options.open ? await options.open(id) : { url: null } }, origin);
    }
    const method = /^\/api\/([a-zA-Z.]+)$/.exec(path)?.[1];
    if (method === undefined || !(CLIPPER_METHODS as readonly string[]).includes(method))
      throw new Refused(404, 'Unknown operation.');
    return reply(res, 200, await options.call(method, body), origin);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const status = error instanceof Refused ? error.status : 500;
      // A refused origin gets no CORS header: a web page cannot even read why.
      reply(
        res,
        status,
        refusal(error instanceof Refused ? error.message : 'Something went wrong in Dossier.'),
        extensionOrigin(req),
      );
      if (status === 413) req.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 5 * 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
