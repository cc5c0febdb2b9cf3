// A shared snapshot: one device's whole merge state and how far it had read each device's
// segments, sealed like a segment (count and sha256 on the last line). Joining snapshots is
// the same as applying the operations they hold, so a device that has been away, or a new
// one, catches up from them once the segments they cover are gone.

import { sealLines, unsealLines } from './sealed-lines';
import { GONE, WHOLE, type Entity } from './crdt';
import { checkOp } from './segment';

export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  device: string;
  seq: number;
  /** Per device: the segments this state holds (1..n). */
  cursors: Record<string, number>;
  entities: Array<[string, Entity]>;
}

export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const { device, seq, cursors, entities } = snapshot;
  return sealLines(
    { format: 'dossier-sync-snapshot', version: SNAPSHOT_VERSION, device, seq, cursors, count: entities.length },
    entities,
  );
}

export type DecodedSnapshot =
  { ok: true; snapshot: Snapshot } | { ok: false; torn: true } | { ok: false; torn: false; problem: string };

/** Reads a snapshot; every value in it passes the schema an operation writing it would. Never throws. */
export function decodeSnapshot(bytes: Uint8Array, device: string, seq: number): DecodedSnapshot {
  const sealed = unsealLines(bytes);
  if (sealed === 'torn') return { ok: false, torn: true };
  const { lines } = sealed;
  try {
    const header = JSON.parse(lines[0]) as {
      format?: unknown;
      version?: unknown;
      device?: unknown;
      seq?: unknown;
      cursors?: unknown;
      count?: unknown;
    };
    if (header.format !== 'dossier-sync-snapshot')
      return { ok: false, torn: false, problem: 'it is not a Dossier sync snapshot' };
    if (typeof header.version !== 'number' || header.version > SNAPSHOT_VERSION)
      return { ok: false, torn: false, problem: 'it was written by a newer Dossier; update Dossier' };
    if (header.device !== device || header.seq !== seq)
      return { ok: false, torn: false, problem: 'it names another device or place' };
    if (header.count !== lines.length - 1) return { ok: false, torn: false, problem: 'its count does not match' };
    const cursors = header.cursors as Record<string, unknown>;
    if (
      !cursors ||
      typeof cursors !== 'object' ||
      Object.entries(cursors).some(([d, n]) => !/^[0-9a-f]{16}$/.test(d) || !Number.isInteger(n) || (n as number) < 0)
    ) {
      return { ok: false, torn: false, problem: 'its positions are not valid' };
    }
    const entities: Array<[string, Entity]> = [];
    for (let i = 1; i < lines.length; i++) {
      const [key, entity] = JSON.parse(lines[i]) as [string, Entity];
      const problem = checkEntity(key, entity);
      if (problem) return { ok: false, torn: false, problem: `line ${i + 1}: ${problem}` };
      entities.push([key, entity]);
    }
    return { ok: true, snapshot: { device, seq, cursors: cursors as Record<string, number>, entities } };
  } catch {
    return { ok: false, torn: false, problem: 'it is not valid JSON' };
  }
}

/** Checks an entity as the operations that could have built it. */
function checkEntity(key: string, entity: Entity): string | null {
  if (
    typeof key !== 'string' ||
    !entity ||
    typeof entity !== 'object' ||
    typeof entity.ws !== 'string' ||
    typeof entity.ks !== 'string' ||
    typeof entity.f !== 'object'
  )
    return 'not an entity';
  if (entity.w !== null) {
    const whole = checkOp({
      s: entity.ws,
      b: '',
      e: key,
      f: WHOLE,
      v: entity.w,
      ...(key.startsWith('i:') ? { k: entity.k } : {}),
    });
    if (typeof whole === 'string') return whole;
  }
  for (const [field, register] of Object.entries(entity.f)) {
    if (!register || !Array.isArray(register.heads) || typeof register.mb !== 'string') return 'not a register';
    for (const head of register.heads) {
      const op = checkOp({ s: head.s, b: head.b, e: key, f: field, v: head.v });
      if (typeof op === 'string') return op;
    }
    if (field === GONE && register.heads.some((h) => typeof h.v !== 'boolean')) return 'not a deletion mark';
  }
  return null;
}
