// The loopback browser host: serves the built renderer and `POST /api/<method>` on
// 127.0.0.1 only. Every API call needs the run's token and this server's own Host and
// Origin; bodies are size-limited; static paths cannot leave the build. Calls go to
// `call` untrusted, so methods that name local paths are refused by dispatch itself. A
// call whose request is dropped (a superseded search) is aborted. `GET /api/events` streams
// the archive's change and progress events to the page (server-sent events).

import http from 'node:http';
import { createReadStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { isOwnRequest, hasToken, newToken } from './request-guard';
import { lookupStatic, SECURITY_HEADERS } from '../web/web-security';
import { RENDERER_METHODS } from '../api/methods';
import type { ArchiveEvent } from '../api/events';

/** A comment line on the event stream this often keeps idle proxies and timers from closing it. */
const EVENTS_KEEPALIVE_MS = 25_000;

/** Runs one contract call as an untrusted caller and returns its Outcome. */
export type CallApi = (
  method: string,
  args: unknown,
  options?: { signal?: AbortSignal; by?: string },
) => Promise<unknown>;

/** Subscribes to the archive's events; returns the unsubscribe. */
export type SubscribeEvents = (listener: (event: ArchiveEvent) => void) => () => void;

export interface ServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  call: CallApi;
  /** The archive's events, streamed at GET /api/events; without it the stream stays silent. */
  events?: SubscribeEvents;
  /** 0 picks a free port. */
  port?: number;
  /** Largest request body accepted, in bytes (imports carry files in base64). */
  maxBodyBytes?: number;
  /** A fixed token, for tests; otherwise a random one per start. */
  token?: string;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The address to open, with the token for the page's first load. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

class BodyTooLarge extends Error {}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function refusal(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let port = 0;

  async function api(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Method not allowed', undefined, { Allow: 'POST' });
    if (!hasToken(req, token))
      return sendJson(
        res,
        401,
        refusal('invalid_argument', 'This page has no valid session token. Open the address Dossier printed.'),
      );
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(type))
      return sendJson(res, 415, refusal('invalid_argument', 'Requests must be JSON.'));
    let args: unknown;
    try {
      const body = await readBody(req, maxBody);
      args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        return sendJson(
          res,
          413,
          refusal(
            'invalid_argument',
            `The request is larger than ${Math.round(maxBody / 1024 / 1024)} MB. Import fewer files at once.`,
          ),
        );
      }
      return sendJson(res, 400, refusal('invalid_argument', 'The request body is not valid JSON.'));
    }
    // The page gave up on the call (the next keystroke's search replaced it): stop it.
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    // Which page asked (a name it chose): its own changes are not announced back to it.
    const page = String(req.headers['x-dossier-client'] ?? '');
    const by = /^[A-Za-z0-9_-]{1,64}$/.test(page) ? `browser:${page}` : 'browser';
    const outcome = await options.call(method, args, { signal: controller.signal, by });
    if (!res.destroyed) sendJson(res, 200, outcome);
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed', undefined, { Allow: 'GET' });
    if (!hasToken(req, token))
      return sendJson(
        res,
        401,
        refusal('invalid_argument', 'This page has no valid session token. Open the address Dossier printed.'),
      );
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': dossier events\n\n');
    const unsubscribe =
      options.events?.((event) => res.write(`data: ${JSON.stringify(event)}\n\n`)) ?? (() => undefined);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), EVENTS_KEEPALIVE_MS);
    keepalive.unref();
    res.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  }

  async function files(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed', undefined, { Allow: 'GET, HEAD' });
    const found = await lookupStatic(options.rendererDir, rawPath);
    if (found.kind === 'refused') return send(res, 400, 'Bad path');
    if (found.kind === 'missing') return send(res, 404, 'Not found');
    const html = found.type.startsWith('text/html');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': found.type,
      // Hashed assets never change; the page itself must always be fresh.
      'Cache-Control': html ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const server = http.createServer((req, res) => {
    const raw = req.url ?? '/';
    const rawPath = raw.split('?')[0].split('#')[0];
    const handle = async () => {
      if (!isOwnRequest(req, port)) return send(res, 403, 'Forbidden');
      if (rawPath === '/api/events') return events(req, res);
      const apiMatch = rawPath.match(/^\/api\/([A-Za-z0-9_.-]{1,64})$/);
      if (apiMatch && (RENDERER_METHODS as readonly string[]).includes(apiMatch[1])) return api(req, res, apiMatch[1]);
      // Unknown names and host-only methods (which name paths on this machine) alike.
      if (rawPath.startsWith('/api/')) return sendJson(res, 404, refusal('invalid_argument', 'Unknown operation.'));
      return files(req, res, rawPath);
    };
    handle().catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 10 * 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
