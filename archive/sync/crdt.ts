// The merge state every device computes from the same set of sync operations: per entity a
// whole-record write (the newest wins) and per field a last-writer-wins register that also
// keeps the concurrent values it beat (the "heads"), so a conflict stays visible. Applying
// operations is idempotent and commutative: any order, with duplicates, gives equal states.

import { z } from 'zod';
import { STAMP_PATTERN } from './hlc';
import { cachedTagKey as tagKey } from './tag-key';

/** A whole record (creation, or a record brought back by a restore) is written as field `*`. */
export const WHOLE = '*';
/** The field that says an entity was deleted (true) or brought back (false). */
export const GONE = 'gone';

const Stamp = z.string().regex(STAMP_PATTERN);

/**
 * One sync operation. `e` names the entity (`i:<item id>`, `n:<note id>`, `h:<highlight id>`,
 * `r:<relation id>`, `t:<tag key>`, `s:<setting key>`), `f` the field, `b` the stamp of
 * the value the writer replaced ('' for none): it tells a concurrent write from a later one.
 */
export const SyncOp = z.object({
  s: Stamp,
  b: z.union([Stamp, z.literal('')]),
  e: z.string().min(3).max(400),
  f: z.string().min(1).max(200),
  v: z.unknown(),
  /** On an item's whole-record write: what recognises the same article imported elsewhere. */
  k: z.string().max(2100).nullable().optional(),
});
export type SyncOp = z.infer<typeof SyncOp>;

export interface Head {
  s: string;
  b: string;
  v: unknown;
}

/** A field's writes that no other write has seen (the newest of them is the value), and the newest base seen. */
export interface Register {
  heads: Head[];
  mb: string;
}

export interface Entity {
  /** The newest whole-record write ('' before the entity's creation has arrived). */
  ws: string;
  w: Record<string, unknown> | null;
  /** The same-article key, from the entity's first whole-record write. */
  k: string | null;
  ks: string;
  f: Record<string, Register>;
}

export type EntityMap = Map<string, Entity>;

/** Applies one operation; returns false when it was already applied (a duplicate). */
export function applyOp(entities: EntityMap, op: SyncOp): boolean {
  let entity = entities.get(op.e);
  if (!entity) {
    entity = { ws: '', w: null, k: null, ks: '', f: {} };
    entities.set(op.e, entity);
  }
  if (op.f === WHOLE) {
    if (op.s === entity.ws) return false;
    if (op.k !== undefined && (entity.ks === '' || op.s < entity.ks)) {
      entity.ks = op.s;
      entity.k = op.k;
    }
    if (op.s > entity.ws) {
      entity.ws = op.s;
      entity.w = op.v as Record<string, unknown>;
    }
    return true;
  }
  const register = (entity.f[op.f] ??= { heads: [], mb: '' });
  if (register.heads.some((h) => h.s === op.s) || op.s <= register.mb) return false;
  if (op.b > register.mb) register.mb = op.b;
  const heads = [...register.heads, { s: op.s, b: op.b, v: op.v }].sort((x, y) => (x.s < y.s ? -1 : 1));
  // A write that some other write saw (its stamp is at or below a base) is superseded for good.
  const open = heads.filter((h) => h.s > register.mb);
  register.heads = open.length > 0 ? open : heads.slice(-1);
  return true;
}

/**
 * Joins another device's state of one entity into ours (a snapshot's): the same result as
 * having applied every operation either state has seen, in any order.
 */
export function joinEntity(entities: EntityMap, key: string, other: Entity): void {
  let entity = entities.get(key);
  if (!entity) {
    entity = { ws: '', w: null, k: null, ks: '', f: {} };
    entities.set(key, entity);
  }
  if (other.ws > entity.ws) {
    entity.ws = other.ws;
    entity.w = other.w;
  }
  if (other.ks !== '' && (entity.ks === '' || other.ks < entity.ks)) {
    entity.ks = other.ks;
    entity.k = other.k;
  }
  for (const [field, theirs] of Object.entries(other.f)) {
    const register = (entity.f[field] ??= { heads: [], mb: '' });
    if (theirs.mb > register.mb) register.mb = theirs.mb;
    const known = new Set(register.heads.map((h) => h.s));
    const heads = [...register.heads, ...theirs.heads.filter((h) => !known.has(h.s))].sort((x, y) =>
      x.s < y.s ? -1 : 1,
    );
    const open = heads.filter((h) => h.s > register.mb);
    register.heads = open.length > 0 ? open : heads.slice(-1);
  }
}

/** A field's current value and the stamp it carries; undefined when nothing wrote it. */
export function fieldOf(entity: Entity, field: string): { v: unknown; s: string } | undefined {
  const winner = entity.f[field]?.heads.at(-1);
  if (winner && winner.s > entity.ws) return { v: winner.v, s: winner.s };
  if (entity.w === null) return winner ? { v: winner.v, s: winner.s } : undefined;
  return { v: wholeValue(entity.w, field), s: entity.ws };
}

/** What a whole-record write says of one field (`tag:<key>` fields read its tag list). */
function wholeValue(record: Record<string, unknown>, field: string): unknown {
  if (field === GONE) return false;
  if (field.startsWith('tag:')) {
    const key = field.slice(4);
    const tags = (record.tags as string[] | undefined) ?? [];
    return tags.find((t) => tagKey(t) === key) ?? null;
  }
  return record[field];
}

/** Whether an entity exists now: created, and its newest word on deletion is "not gone". */
export function isLive(entity: Entity): boolean {
  return entity.w !== null && fieldOf(entity, GONE)?.v !== true;
}

/** The values that lost to the current one while written without seeing it. */
export function losersOf(entity: Entity, field: string): Head[] {
  const heads = entity.f[field]?.heads ?? [];
  const winner = heads.at(-1);
  if (!winner || winner.s <= entity.ws) return [];
  return heads.slice(0, -1).filter((h) => h.s > entity.ws && !sameValue(h.v, winner.v));
}

/** Structural equality of JSON values, without serialising them. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka)
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
