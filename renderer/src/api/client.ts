// The renderer's one way to reach the archive. In the desktop app the preload exposes
// `window.dossier` (one function per contract method); in a browser the same calls go as
// `POST /api/<method>` to this page's own origin with the session token, and the host's
// events arrive from `GET /api/events`. Nothing else in the renderer knows which host it
// runs in. Failures come back as Outcomes, never throws; a call given an AbortSignal that
// aborts answers `cancelled` (over HTTP the request is dropped, so the host stops the work).

import type { Args, Result } from '../../../archive/api/contract';
import type { Method } from '../../../archive/api/methods';
import type { Outcome } from '../../../archive/api/types';
import type { ArchiveEvent } from '../../../archive/api/events';
import type { DesktopBridge, HostEvent } from '../../../archive/api/host-events';
import { sessionToken } from './token';

export type { HostEvent };

declare global {
  interface Window {
    dossier?: DesktopBridge;
  }
}

type Transport = (method: Method, args: unknown, signal?: AbortSignal) => Promise<Outcome<unknown>>;

/**
 * Whether this page may talk to its host: 'missing' when a browser page was opened
 * without its token, 'refused' when the host turned the token down (it restarted).
 */
export type SessionState = 'ok' | 'missing' | 'refused';
let session: SessionState = 'ok';
const sessionListeners = new Set<(state: SessionState) => void>();

export function sessionState(): SessionState {
  return session;
}

export function onSessionState(listener: (state: SessionState) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function setSession(state: SessionState): void {
  if (session === state) return;
  session = state;
  for (const listener of sessionListeners) listener(state);
}

/** Names this page's calls to the browser host, so that its own changes are not announced back to it. */
const PAGE_ID = Math.random().toString(36).slice(2, 14);

const CANCELLED: Outcome<never> = { ok: false, error: { code: 'cancelled', message: 'The call was cancelled.' } };

function httpTransport(token: string | null): Transport {
  if (!token) session = 'missing';
  return async (method, args, signal) => {
    let response: Response;
    try {
      response = await fetch(`./api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token ?? '', 'X-Dossier-Client': PAGE_ID },
        body: JSON.stringify(args ?? {}),
        signal,
      });
    } catch {
      if (signal?.aborted) return CANCELLED;
      return {
        ok: false,
        error: { code: 'io_error', message: 'Dossier is not reachable. Is `dossier serve` still running?' },
      };
    }
    if (response.status === 401) setSession(token ? 'refused' : 'missing');
    try {
      return (await response.json()) as Outcome<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: `The server answered ${response.status} ${response.statusText}.` },
      };
    }
  };
}

let nextCallId = 0;

function preloadTransport(api: DesktopBridge): Transport {
  return async (method, args, signal) => {
    const fn = (api as Partial<Record<Method, (a: unknown, callId?: number) => Promise<Outcome<unknown>>>>)[method];
    if (!fn)
      return { ok: false, error: { code: 'invalid_argument', message: `The app does not offer ${method} here.` } };
    if (signal?.aborted) return CANCELLED;
    try {
      // A call that may be withdrawn is numbered, and the number withdraws it in the host.
      const callId = signal ? ++nextCallId : undefined;
      if (callId !== undefined) signal?.addEventListener('abort', () => api.cancelCall(callId), { once: true });
      const outcome = await fn(args, callId);
      return signal?.aborted ? CANCELLED : outcome;
    } catch {
      return { ok: false, error: { code: 'internal', message: `The app could not run ${method}.` } };
    }
  };
}

const desktop = typeof window !== 'undefined' && window.dossier ? window.dossier : null;
const token = desktop ? null : sessionToken();
const transport: Transport = desktop ? preloadTransport(desktop) : httpTransport(token);

/** Calls one contract method; the result is an Outcome, never an exception. */
export function call<M extends Method>(
  method: M,
  args: Args<M>,
  options: { signal?: AbortSignal } = {},
): Promise<Outcome<Result<M>>> {
  return transport(method, args, options.signal) as Promise<Outcome<Result<M>>>;
}

/** An error raised from a failed Outcome, for code that prefers try/catch. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls a method and returns its value, throwing an ApiError with a readable message. */
export async function request<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const outcome = await call(method, args);
  if (!outcome.ok) throw new ApiError(outcome.error.code, outcome.error.message);
  return outcome.value;
}

/** The host's events as the desktop preload names them, whichever host sent them. */
function asHostEvent(event: ArchiveEvent): HostEvent {
  if (event.name === 'progress')
    return { name: 'dossier:progress', payload: { done: event.payload.done, total: event.payload.total } };
  const { method, imported, skipped } = event.payload;
  return {
    name: 'dossier:changed',
    payload: imported ? { reason: 'import', imported, skipped: skipped ?? [] } : { reason: 'edit', method },
  };
}

/**
 * Reads the browser host's event stream (server-sent events, read with fetch so that the
 * token goes in a header, not the address) until `signal` aborts; reconnects after a drop.
 */
async function readHttpEvents(listener: (event: HostEvent) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch('./api/events', { headers: { 'X-Dossier-Token': token ?? '' }, signal });
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const blocks = buffered.split('\n\n');
        buffered = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const event = JSON.parse(data.slice(6)) as ArchiveEvent;
          // This page's own calls come back too: it reports its own progress and has
          // already refreshed (a late event would overwrite its import summary).
          if (event.payload.by === `browser:${PAGE_ID}`) continue;
          listener(asHostEvent(event));
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** Subscribes to the host's events (the desktop preload's, or the browser host's stream). */
export function onHostEvent(listener: (event: HostEvent) => void): () => void {
  if (desktop) return desktop.onHostEvent(listener);
  if (typeof fetch !== 'function') return () => undefined;
  const controller = new AbortController();
  void readHttpEvents(listener, controller.signal);
  return () => controller.abort();
}
