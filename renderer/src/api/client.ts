// The renderer's one way to reach the archive. In the desktop app the preload exposes
// `window.dossier` (one function per contract method); in a browser the same calls go as
// `POST /api/<method>` to this page's own origin with the session token. Nothing else in
// the renderer knows which host it runs in. Failures come back as Outcomes, never throws.

import type { DossierApi, Args, Result } from '../../../archive/api/contract';
import type { Method } from '../../../archive/api/methods';
import type { Outcome } from '../../../archive/api/types';
import { sessionToken } from './token';

/** Something the desktop host tells the renderer unasked (menu commands, import progress). */
export interface HostEvent {
  name: string;
  payload: unknown;
}

/** What the desktop preload exposes: the renderer's methods, and host events. */
type DesktopBridge = Partial<DossierApi> & { onHostEvent?: (listener: (event: HostEvent) => void) => () => void };

declare global {
  interface Window {
    dossier?: DesktopBridge;
  }
}

type Transport = (method: Method, args: unknown) => Promise<Outcome<unknown>>;

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

function httpTransport(): Transport {
  const token = sessionToken();
  if (!token) session = 'missing';
  return async (method, args) => {
    let response: Response;
    try {
      response = await fetch(`./api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token ?? '' },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'io_error', message: 'Dossier is not reachable. Is `dossier serve` still running?' } };
    }
    if (response.status === 401) setSession(token ? 'refused' : 'missing');
    try {
      return (await response.json()) as Outcome<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `The server answered ${response.status} ${response.statusText}.` } };
    }
  };
}

function preloadTransport(api: DesktopBridge): Transport {
  return async (method, args) => {
    const fn = api[method] as ((a: unknown) => Promise<Outcome<unknown>>) | undefined;
    if (!fn) return { ok: false, error: { code: 'invalid_argument', message: `The app does not offer ${method} here.` } };
    try {
      return await fn(args);
    } catch {
      return { ok: false, error: { code: 'internal', message: `The app could not run ${method}.` } };
    }
  };
}

const transport: Transport = typeof window !== 'undefined' && window.dossier ? preloadTransport(window.dossier) : httpTransport();

/** Calls one contract method; the result is an Outcome, never an exception. */
export function call<M extends Method>(method: M, args: Args<M>): Promise<Outcome<Result<M>>> {
  return transport(method, args) as Promise<Outcome<Result<M>>>;
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

/** Subscribes to the desktop host's events; in a browser there are none. */
export function onHostEvent(listener: (event: HostEvent) => void): () => void {
  return window.dossier?.onHostEvent?.(listener) ?? (() => undefined);
}
