// How `dossier mcp` reaches the archive: one `call(method, args)` that answers an Outcome,
// so the server never knows which host runs the call. When the app or `dossier serve` holds
// the archive, calls go to that host over its socket (hostFirstCaller). Otherwise it opens
// the folder itself, as the CLI does: reads go to a read-only view, reopened when the
// archive on disk has changed; a write takes the writer's lock for that one call only, so
// the desktop app can still open the archive between calls.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Archive } from '../core/archive';
import { openArchive } from '../api/open-archive';
import { dispatch } from '../api/dispatch';
import { ArchiveError } from '../core/errors';
import type { Outcome } from '../api/types';
import { connectHost, type HostClient } from '../host/host-client';

export type Call = (method: string, args: unknown) => Promise<Outcome<unknown>>;

export interface ArchiveCaller {
  call: Call;
  close(): Promise<void>;
}

/** Methods that change nothing: these may run on a read-only view of the archive. */
const READS = new Set([
  'archive.info',
  'items.list',
  'items.get',
  'items.content',
  'search.query',
  'search.related',
  'tags.list',
  'sources.list',
]);

/** How long a write waits for the lock before saying who holds it. */
const WRITE_LOCK_WAIT_MS = 3_000;

async function signature(dir: string): Promise<string> {
  const parts = await Promise.all(
    ['dossier.json', 'journal'].map(async (name) => {
      const stat = await fs.stat(path.join(dir, name)).catch(() => null);
      return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : '-';
    }),
  );
  return parts.join('|');
}

function failure(error: unknown): Outcome<never> {
  if (error instanceof ArchiveError)
    return { ok: false, error: { code: error.code, message: error.message.split('\n')[0] } };
  return {
    ok: false,
    error: { code: 'internal', message: `Could not open the archive: ${(error as Error).message.split('\n')[0]}` },
  };
}

export function localCaller(dir: string, log?: (error: unknown, method: string) => void): ArchiveCaller {
  let reader: { archive: Archive; signature: string } | null = null;
  // One call at a time: a write and a reopen must not interleave.
  let queue: Promise<unknown> = Promise.resolve();

  async function readView(): Promise<Archive> {
    const now = await signature(dir);
    if (reader !== null && reader.signature === now) return reader.archive;
    const old = reader;
    reader = null;
    await old?.archive.close().catch(() => undefined);
    const archive = await openArchive(dir, { readOnly: true, create: false });
    reader = { archive, signature: now };
    return archive;
  }

  async function run(method: string, args: unknown): Promise<Outcome<unknown>> {
    try {
      if (READS.has(method)) return await dispatch(await readView(), method, args, { trusted: false, log });
      const archive = await openArchive(dir, { create: false, lockWaitMs: WRITE_LOCK_WAIT_MS });
      try {
        return await dispatch(archive, method, args, { trusted: false, log });
      } finally {
        await archive.close();
      }
    } catch (error) {
      return failure(error);
    }
  }

  return {
    call: (method, args) => {
      const next = queue.then(() => run(method, args));
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await queue;
      await reader?.archive.close().catch(() => undefined);
      reader = null;
    },
  };
}

/**
 * Sends each call to the archive's running host (the desktop app, `dossier serve`) when one
 * answers on the archive's socket, as the CLI does, so writes work while the app is open;
 * otherwise, and if the host goes away, to `local`.
 */
export function hostFirstCaller(dir: string, local: ArchiveCaller): ArchiveCaller {
  let host: HostClient | null = null;
  return {
    async call(method, args) {
      host ??= await connectHost(dir);
      if (host) {
        const outcome = await host.call(method, args);
        if (outcome.ok || outcome.error.code !== 'io_error' || !/went away/.test(outcome.error.message)) return outcome;
        host.close();
        host = null;
      }
      return local.call(method, args);
    },
    async close() {
      host?.close();
      await local.close();
    },
  };
}
