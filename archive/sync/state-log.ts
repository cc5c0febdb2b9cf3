// The sync state's own journal, so a round costs the size of its changes on disk too: each
// round appends one fsynced line (`<crc32> <json>`, the archive journal's record format)
// with the operations it applied, the small fields and the item files that changed; the
// whole state is rewritten only now and then. A line from before the last rewrite
// (another generation) or torn by a crash is ignored.

import { promises as fs } from 'node:fs';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { z } from 'zod';
import { encodeRecord } from '../core/journal';
import { SyncOp } from './crdt';

export const LogLine = z.object({
  g: z.number().int().min(0),
  ops: z.array(SyncOp),
  local: z.record(z.string(), z.unknown()),
  files: z.record(
    z.string(),
    z
      .object({ html: z.string().nullable(), txt: z.string().nullable(), assets: z.record(z.string(), z.string()) })
      .nullable(),
  ),
});
export type LogLine = z.infer<typeof LogLine>;

export function logFile(archiveDir: string): string {
  return path.join(archiveDir, 'sync', 'log');
}

/** Appends a line and waits until it is on disk; returns the log's size. */
export async function appendLog(archiveDir: string, line: LogLine): Promise<number> {
  const handle = await fs.open(logFile(archiveDir), 'a');
  try {
    await handle.write(encodeRecord(JSON.stringify(line)));
    await handle.datasync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** The whole, valid lines of generation `g`, in order. */
export async function readLog(archiveDir: string, g: number): Promise<LogLine[]> {
  let text: string;
  try {
    text = await fs.readFile(logFile(archiveDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines: LogLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw.length < 10 || raw[8] !== ' ') continue;
    const json = raw.slice(9);
    if (crc32(json) !== Number.parseInt(raw.slice(0, 8), 16)) continue; // torn by a crash: never acknowledged
    const parsed = LogLine.safeParse(JSON.parse(json));
    if (parsed.success && parsed.data.g === g) lines.push(parsed.data);
  }
  return lines;
}

export async function clearLog(archiveDir: string): Promise<void> {
  await fs.rm(logFile(archiveDir), { force: true });
}
