// A segment: one round's operations from one device, written once and sealed. The last line
// holds the count and a sha256 of everything before it, so a segment a sync engine has only
// partly delivered is recognised (and waited for) rather than half-applied. Every operation
// read back passes the schema of what it writes before it can touch the archive.

import { z } from 'zod';
import { ASSET_NAME, Highlight, ID_PATTERN, Item, MAX_TAG_LENGTH, Note, Relation, Tag } from '../core/model';
import { SyncOp, GONE, WHOLE } from './crdt';
import { sealLines, unsealLines } from './sealed-lines';
import { ITEM_FIELDS } from './view';

export const SEGMENT_VERSION = 1;

/** Names that would reach an object's prototype if they became keys (settings are keyed by name). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const BlobName = z.string().regex(/^[0-9a-f]{64}$/);
const Files = z.object({
  html: BlobName.nullable(),
  txt: BlobName.nullable(),
  assets: z.record(z.string().regex(ASSET_NAME), BlobName),
});
const SyncItem = Item.extend({ files: Files });
const TagName = z.string().min(1).max(MAX_TAG_LENGTH);

const WHOLE_SCHEMAS: Record<string, z.ZodType> = {
  i: SyncItem,
  n: Note,
  h: Highlight,
  r: Relation,
  t: Tag,
  s: z.object({ v: z.unknown() }),
};
const FIELD_SCHEMAS: Record<string, Record<string, z.ZodType>> = {
  i: { ...Item.shape, files: Files },
  n: Note.shape,
  h: Highlight.shape,
  r: Relation.shape,
  t: Tag.shape,
  s: { v: z.unknown() },
};

export function encodeSegment(device: string, seq: number, ops: readonly SyncOp[]): Uint8Array {
  return sealLines({ format: 'dossier-sync-segment', version: SEGMENT_VERSION, device, seq, count: ops.length }, ops);
}

export type Decoded =
  { ok: true; ops: SyncOp[] } | { ok: false; torn: true } | { ok: false; torn: false; problem: string };

/** Reads a segment of `device` numbered `seq`; never throws. */
export function decodeSegment(bytes: Uint8Array, device: string, seq: number): Decoded {
  const sealed = unsealLines(bytes);
  if (sealed === 'torn') return { ok: false, torn: true };
  const { lines } = sealed;
  let header: { format?: unknown; version?: unknown; device?: unknown; seq?: unknown; count?: unknown };
  try {
    header = JSON.parse(lines[0]);
  } catch {
    return { ok: false, torn: false, problem: 'its first line is not a segment header' };
  }
  if (header.format !== 'dossier-sync-segment')
    return { ok: false, torn: false, problem: 'it is not a Dossier sync segment' };
  if (typeof header.version !== 'number' || header.version > SEGMENT_VERSION)
    return {
      ok: false,
      torn: false,
      problem: `it was written by a newer Dossier (format ${String(header.version)}); update Dossier`,
    };
  if (header.device !== device || header.seq !== seq)
    return { ok: false, torn: false, problem: 'it names another device or place (copied by hand?)' };
  if (header.count !== lines.length - 1 || sealed.count !== lines.length - 1)
    return { ok: false, torn: false, problem: 'its count of operations does not match' };
  const ops: SyncOp[] = [];
  for (let i = 1; i < lines.length; i++) {
    let raw: unknown;
    try {
      raw = JSON.parse(lines[i]);
    } catch {
      return { ok: false, torn: false, problem: `line ${i + 1} is not JSON` };
    }
    const problem = checkOp(raw);
    if (typeof problem === 'string') return { ok: false, torn: false, problem: `line ${i + 1}: ${problem}` };
    ops.push(problem.op);
  }
  return { ok: true, ops };
}

/** The operation, validated (its value parsed by the schema of what it writes), or what is wrong with it. */
export function checkOp(raw: unknown): { op: SyncOp } | string {
  const parsed = SyncOp.safeParse(raw);
  if (!parsed.success) return 'not an operation';
  const op = parsed.data;
  const kind = op.e[0];
  const key = op.e.slice(2);
  if (op.e[1] !== ':' || !Object.hasOwn(WHOLE_SCHEMAS, kind)) return `unknown entity ${op.e.slice(0, 40)}`;
  if ('inhr'.includes(kind) ? !ID_PATTERN.test(key) : key.length === 0 || key.length > 200 || UNSAFE_KEYS.has(key))
    return `bad entity ${op.e.slice(0, 40)}`;
  let schema: z.ZodType | undefined;
  if (op.f === WHOLE) schema = WHOLE_SCHEMAS[kind];
  else if (op.f === GONE) schema = z.boolean();
  else if (kind === 'i' && op.f.startsWith('tag:')) schema = TagName.nullable();
  else if (
    op.f !== 'id' &&
    Object.hasOwn(FIELD_SCHEMAS[kind], op.f) &&
    (kind !== 'i' || (ITEM_FIELDS as readonly string[]).includes(op.f))
  )
    schema = FIELD_SCHEMAS[kind][op.f];
  if (!schema) return `unknown field ${op.f.slice(0, 40)}`;
  const value = schema.safeParse(op.v);
  if (!value.success) return `the value of ${op.e.slice(0, 20)} ${op.f} is not valid`;
  if (op.f === WHOLE && kind !== 's' && kind !== 't' && (value.data as { id: string }).id !== key)
    return 'a record filed under another id';
  return { op: { ...op, v: value.data } };
}
