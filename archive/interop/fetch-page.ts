// Fetches a web page for import: http(s) only, redirects followed by hand (each one checked),
// HTML only, the body read up to a size limit and the whole exchange within a deadline.
// Parsing is not done here (web-page.ts does it, on a worker when the host has one).

import { MAX_PAGE_BYTES, pageTooLarge } from './page-limits';

export interface FetchPageOptions {
  /** Defaults to the global fetch; tests and the CLI may pass their own. */
  fetch?: typeof fetch;
  /** The whole exchange (redirects and body included) must finish within this. */
  timeoutMs: number;
  /** Larger pages are refused rather than read into memory. Default MAX_PAGE_BYTES. */
  maxBytes?: number;
  maxRedirects?: number;
}

function httpUrl(url: string, original: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a web address: ${original}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`only http and https addresses can be saved, not ${parsed.protocol} (${original})`);
  return parsed.href;
}

async function readBody(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new Error(pageTooLarge(url, declared, maxBytes));
  if (response.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(pageTooLarge(url, null, maxBytes));
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** A fetched page: its bytes, the address it was finally served from, and its Content-Type. */
export interface FetchedPage {
  bytes: Uint8Array;
  url: string;
  contentType: string | null;
}

/**
 * Fetches a page (following up to maxRedirects http(s) redirects). Refuses other schemes,
 * error statuses, non-HTML responses, pages over maxBytes and anything that does not finish
 * within timeoutMs, each with a one-line reason.
 */
export async function fetchPage(url: string, options: FetchPageOptions): Promise<FetchedPage> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const maxBytes = options.maxBytes ?? MAX_PAGE_BYTES;
  const maxRedirects = options.maxRedirects ?? 10;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced against every step so that a fetch which ignores the signal still times out.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${options.timeoutMs} ms fetching ${url}`));
    }, options.timeoutMs);
  });
  const step = <T>(p: Promise<T>): Promise<T> => Promise.race([p, deadline]);
  try {
    let current = httpUrl(url.trim(), url);
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await step(
          doFetch(current, {
            redirect: 'manual',
            signal: controller.signal,
            headers: {
              accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
              'user-agent': 'Dossier (offline news archive)',
            },
          }),
        );
      } catch (error) {
        if (controller.signal.aborted)
          throw new Error(`timed out after ${options.timeoutMs} ms fetching ${url}`, { cause: error });
        throw new Error(`could not reach ${current}: ${networkReason(error)}`, { cause: error });
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= maxRedirects) throw new Error(`too many redirects fetching ${url}`);
        current = httpUrl(new URL(location, current).href, location);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`${current} answered HTTP ${response.status}`);
      }
      const type = response.headers.get('content-type');
      if (type !== null && !/^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(type)) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`${current} is not a web page (${type.split(';')[0].trim()})`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await step(readBody(response, maxBytes, current));
      } catch (error) {
        if (controller.signal.aborted)
          throw new Error(`timed out after ${options.timeoutMs} ms fetching ${url}`, { cause: error });
        throw error;
      }
      return { bytes, url: current, contentType: type };
    }
  } finally {
    clearTimeout(timer);
    deadline.catch(() => undefined);
  }
}

/** Node's fetch says only "fetch failed"; the reason a person can act on is in its cause. */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the name could not be looked up (offline?)',
  ETIMEDOUT: 'it did not answer',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another name',
};

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code && NETWORK_REASONS[cause.code]) return NETWORK_REASONS[cause.code];
  return (cause?.message ?? (error as Error).message).split('\n')[0];
}
