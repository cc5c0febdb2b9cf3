// The one entry point every host binds: validates a call's arguments against the
// contract, runs its handler, and returns an Outcome only once any change it made is
// durable on disk ("saved" means saved). Nothing thrown inside escapes as an exception; an
// unexpected error is logged here and crosses the boundary only as a sentence. A call whose
// `signal` is aborted before it runs does not run; an aborted search answers `cancelled` at
// once (its caller has moved on), and the work already started is dropped.

import type { Archive } from '../core/archive';
import { ArchiveError } from '../core/errors';
import { contract, type Result } from './contract';
import { handlers, type CallContext } from './handlers';
import { METHODS, isTrusted, type Method } from './methods';
import type { Outcome } from './types';

export interface DispatchContext extends CallContext {
  /** Where unexpected errors are reported (with their stacks); stderr by default. */
  log?: (error: unknown, method: string) => void;
}

const CANCELLED: Outcome<never> = { ok: false, error: { code: 'cancelled', message: 'The call was cancelled.' } };

/** Methods whose answer is dropped the moment their caller gives up (they change nothing). */
const ABANDONABLE = new Set<string>(['search.query', 'search.related']);

/** Methods answered by the search index alone: a reader opened from the index's catalog
 *  runs them without reading the archive's metadata (every other method waits for it). */
const INDEX_ONLY = new Set<string>(['search.query']);

/** The answer of `running`, or CANCELLED as soon as `signal` aborts. */
function raceAbort<T>(running: Promise<T>, signal: AbortSignal): Promise<Outcome<T>> {
  return new Promise((resolve, reject) => {
    const abort = () => resolve(CANCELLED);
    signal.addEventListener('abort', abort, { once: true });
    running
      .then(
        (value) => resolve({ ok: true, value }),
        (error: unknown) => reject(error),
      )
      .finally(() => signal.removeEventListener('abort', abort));
  });
}

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && (METHODS as readonly string[]).includes(name);
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

export async function dispatch<M extends Method>(
  archive: Archive,
  method: M,
  args: unknown,
  ctx?: DispatchContext,
): Promise<Outcome<Result<M>>>;
export async function dispatch(
  archive: Archive,
  method: string,
  args: unknown,
  ctx?: DispatchContext,
): Promise<Outcome<unknown>>;
export async function dispatch(
  archive: Archive,
  method: string,
  args: unknown,
  ctx: DispatchContext = {},
): Promise<Outcome<unknown>> {
  if (!isMethod(method))
    return {
      ok: false,
      error: { code: 'invalid_argument', message: `Unknown operation “${String(method).slice(0, 80)}”.` },
    };
  if (isTrusted(method) && !ctx.trusted) {
    return {
      ok: false,
      error: { code: 'invalid_argument', message: `“${method}” can only be called by the app itself.` },
    };
  }
  if (ctx.signal?.aborted) return CANCELLED;
  const parsed = contract[method].args.safeParse(args ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_argument',
        message: `Invalid arguments for ${method}: ${describeIssue(parsed.error.issues[0])}.`,
      },
    };
  }
  try {
    const handler = handlers[method] as (a: Archive, args: unknown, c: CallContext) => unknown;
    if (!INDEX_ONLY.has(method)) await archive.loaded();
    const before = archive.store.changes;
    const running = Promise.resolve(handler(archive, parsed.data, ctx));
    if (ctx.signal && ABANDONABLE.has(method)) {
      running.catch(() => undefined); // its answer may be dropped, never its failure unhandled
      return await raceAbort(running, ctx.signal);
    }
    const value = await running;
    if (archive.store.changes !== before) await archive.durable();
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ArchiveError) return { ok: false, error: { code: error.code, message: error.message } };
    (ctx.log ?? ((e, m) => console.error(`[dossier] ${m} failed:`, e)))(error, method);
    return {
      ok: false,
      error: { code: 'internal', message: `Something went wrong while running ${method}. The details are in the log.` },
    };
  }
}
