// Talks to Dossier's extension listener on 127.0.0.1 and nowhere else: pairing (a one-time
// code for a token kept in extension storage), and contract calls answered as Outcomes.
// When Dossier is not running the caller gets one sentence saying so.

import { ext } from './browser';

/** Dossier's default listener port (archive/clipper/listener.ts). */
export const DEFAULT_PORT = 41185;

export const NOT_RUNNING = 'Dossier is not running, or its “Browser extension” setting is off: start it and try again.';

export interface Connection {
  port: number;
  token: string | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** What import.page answers (archive/flows/save-page.ts). */
export interface SavedPage {
  id: string;
  title: string;
  kind: string;
  created: boolean;
  highlighted: boolean;
  note: string | null;
}

export async function connection(): Promise<Connection> {
  const stored = (await ext.storage.local.get(['port', 'token'])) as { port?: number; token?: string };
  return { port: stored.port ?? DEFAULT_PORT, token: stored.token ?? null };
}

async function post<T>(port: number, path: string, body: unknown, token: string | null): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, error: { code: 'not_running', message: NOT_RUNNING } };
  }
  try {
    const outcome = (await response.json()) as Outcome<T>;
    // 401: the token (or the code) is not accepted; the popup offers pairing again.
    if (response.status === 401 && !outcome.ok)
      return { ok: false, error: { code: 'not_paired', message: outcome.error.message } };
    return outcome;
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: `Something else answered on port ${port}; check the port Dossier shows.` },
    };
  }
}

/** Trades the code Dossier shows for a token and remembers both the port and the token. */
export async function pair(port: number, code: string): Promise<Outcome<null>> {
  const outcome = await post<{ token: string }>(port, '/pair', { code }, null);
  if (!outcome.ok) return outcome;
  await ext.storage.local.set({ port, token: outcome.value.token });
  return { ok: true, value: null };
}

export async function unpair(): Promise<void> {
  await ext.storage.local.remove(['token']);
}

/** One call through the listener with the stored token. */
export async function call<T>(method: string, args: unknown): Promise<Outcome<T>> {
  const { port, token } = await connection();
  if (!token) return { ok: false, error: { code: 'not_paired', message: 'Pair this browser with Dossier first.' } };
  return post<T>(port, `/api/${method}`, args, token);
}

/** Whether the stored token still works (Dossier running and paired). */
export async function status(): Promise<Outcome<{ name: string }>> {
  const { port, token } = await connection();
  if (!token) return { ok: false, error: { code: 'not_paired', message: 'Pair this browser with Dossier first.' } };
  return post(port, '/status', {}, token);
}

export async function openItem(id: string): Promise<Outcome<{ url: string | null }>> {
  const { port, token } = await connection();
  return post(port, '/open', { id }, token);
}
