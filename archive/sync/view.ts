// What the archive should hold, computed from the merge state alone: live entities only,
// items imported on several devices as one (same canonical URL or text hash: the lowest id
// stands for the group, its fields the newest of any member's), everything attached to a
// merged item pointed at it. A pure function of the state, so equal states give equal views.

import { Item, type Highlight, type Note, type Relation, type Tag } from '../core/model';
import { cachedTagKey as tagKey } from './tag-key';
import { fieldOf, isLive, sameValue, type Entity, type EntityMap } from './crdt';

/** Content hashes (sha256, hex) of an item's body files and images, as kept in blobs/. */
export interface Files {
  html: string | null;
  txt: string | null;
  /** Stored image name → hash of its bytes. */
  assets: Record<string, string>;
}

/** An item as sync carries it: the archive's record plus the hashes of its files. */
export type SyncItem = Item & { files: Files };

/** The item fields that change one by one (id and tags are not fields: tags are a set). */
export const ITEM_FIELDS = [...Object.keys(Item.shape).filter((k) => k !== 'id' && k !== 'tags'), 'files'] as const;

const RECORD_FIELDS = ITEM_FIELDS.filter((f) => f !== 'files');

/**
 * Whether the archive's item says what the view's does (files aside), tags in the same
 * order. The hot path of every round (all items, twice): primitives compare by identity first.
 */
export function sameItem(item: Item, seen: SyncItem): boolean {
  const a = item as Record<string, unknown>;
  const b = seen as Record<string, unknown>;
  for (const field of RECORD_FIELDS) {
    const x = a[field];
    const y = b[field];
    if (x !== y && !sameValue(x, y)) return false;
  }
  const t = item.tags;
  const u = seen.tags;
  if (t.length !== u.length) return false;
  for (let i = 0; i < t.length; i++) if (t[i] !== u[i]) return false;
  return true;
}

export interface SyncView {
  items: Map<string, SyncItem>;
  /** Every item id (also merged-away ones) → the id that stands for its group. */
  alias: Map<string, string>;
  /** The id standing for a group → all its member ids, lowest first. */
  members: Map<string, string[]>;
  /** Every live item id → the key of its group (same-article key, else its own id). */
  groups: Map<string, string>;
  notes: Map<string, Note>;
  highlights: Map<string, Highlight>;
  relations: Map<string, Relation>;
  tags: Map<string, Tag>;
  settings: Map<string, unknown>;
}

export function buildView(entities: EntityMap): SyncView {
  const view: SyncView = {
    items: new Map(),
    alias: new Map(),
    members: new Map(),
    groups: new Map(),
    notes: new Map(),
    highlights: new Map(),
    relations: new Map(),
    tags: new Map(),
    settings: new Map(),
  };
  const groups = new Map<string, Array<[string, Entity]>>();
  const rest: Array<[string, Entity]> = [];
  for (const [key, entity] of entities) {
    if (!isLive(entity)) continue;
    if (key.startsWith('i:')) {
      const id = key.slice(2);
      const group = groupKey(id, entity);
      view.groups.set(id, group);
      const list = groups.get(group);
      if (list) list.push([id, entity]);
      else groups.set(group, [[id, entity]]);
    } else {
      rest.push([key, entity]);
    }
  }
  for (const list of groups.values()) {
    list.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    const id = list[0][0];
    view.items.set(
      id,
      mergeItem(
        id,
        list.map((m) => m[1]),
      ),
    );
    view.members.set(
      id,
      list.map((m) => m[0]),
    );
    for (const [member] of list) view.alias.set(member, id);
  }
  const pairs = new Map<string, string>();
  for (const [key, entity] of rest) {
    const id = key.slice(2);
    const record = plainRecord(entity);
    if (key[0] !== 'r') {
      placeRecord(view, key, record);
      continue;
    }
    const a = view.alias.get(record.a as string);
    const b = view.alias.get(record.b as string);
    if (!a || !b || a === b) continue;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const pair = `${lo}:${hi}`;
    const other = pairs.get(pair);
    // Two links of the same pair (made on two machines, or by a merge) stay one: the lower id.
    if (other !== undefined && other < id) continue;
    if (other !== undefined) view.relations.delete(other);
    pairs.set(pair, id);
    view.relations.set(id, { ...(record as Relation), id, a: lo, b: hi });
  }
  return view;
}

function groupKey(id: string, entity: Entity): string {
  return entity.k ?? `id:${id}`;
}

/** Puts a note, highlight, tag or setting in the view (pointed at the item standing for its group), or takes it out. */
function placeRecord(view: SyncView, key: string, record: Record<string, unknown> | null): void {
  const id = key.slice(2);
  switch (key[0]) {
    case 'n': {
      const itemId = record && view.alias.get(record.itemId as string);
      if (itemId) view.notes.set(id, { ...(record as Note), id, itemId });
      else view.notes.delete(id);
      break;
    }
    case 'h': {
      const itemId = record && view.alias.get(record.itemId as string);
      if (itemId) view.highlights.set(id, { ...(record as Highlight), id, itemId });
      else view.highlights.delete(id);
      break;
    }
    case 't':
      if (record) view.tags.set(id, record as Tag);
      else view.tags.delete(id);
      break;
    case 's':
      if (record) view.settings.set(id, record.v);
      else view.settings.delete(id);
      break;
  }
}

/**
 * Brings `view` up to date after changes to the entities named in `keys`, where that is
 * simple (fields of items that stand alone, notes, highlights, tags, settings); returns
 * false when the change reshapes groups or links, and the caller builds the view afresh.
 * Either way the result equals `buildView(entities)`.
 */
export function updateView(view: SyncView, entities: EntityMap, keys: Iterable<string>): boolean {
  const later: string[] = [];
  for (const key of keys) {
    const entity = entities.get(key);
    if (!entity) return false;
    const id = key.slice(2);
    if (key[0] === 'i') {
      const live = isLive(entity);
      const was = view.groups.get(id);
      // Only an item that stood alone and still does, live before and after, is simple.
      if (!live || was === undefined || was !== groupKey(id, entity) || view.members.get(id)?.length !== 1)
        return false;
      view.items.set(id, mergeItem(id, [entity]));
    } else if (key[0] === 'r') {
      return false;
    } else {
      later.push(key);
    }
  }
  for (const key of later) {
    const entity = entities.get(key) as Entity;
    placeRecord(view, key, isLive(entity) ? plainRecord(entity) : null);
  }
  return true;
}

/** A record's fields as they stand now: its whole-record write overlaid with newer field writes. */
function plainRecord(entity: Entity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entity.w as object)) out[key] = fieldOf(entity, key)?.v;
  return out;
}

/** One item out of a group: each field and each tag from whichever member wrote it last. */
function mergeItem(id: string, members: Entity[]): SyncItem {
  // In the schema's key order, whichever device wrote the record first.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(Item.shape)) out[key] = undefined;
  out.id = id;
  for (const field of ITEM_FIELDS) {
    let best: { v: unknown; s: string } | undefined;
    for (const member of members) {
      const value = fieldOf(member, field);
      if (value && (!best || value.s > best.s)) best = value;
    }
    out[field] = best?.v;
  }
  const tags = new Map<string, { name: string | null; s: string; pos: number }>();
  const consider = (key: string, name: string | null, s: string, pos: number) => {
    const seen = tags.get(key);
    if (!seen || s > seen.s) tags.set(key, { name, s, pos });
  };
  for (const member of members) {
    const whole = (member.w?.tags as string[] | undefined) ?? [];
    whole.forEach((name, pos) => {
      const key = tagKey(name);
      const value = fieldOf(member, `tag:${key}`);
      consider(key, (value?.v as string | null) ?? null, value?.s ?? member.ws, pos);
    });
    for (const field of Object.keys(member.f)) {
      if (!field.startsWith('tag:')) continue;
      const value = fieldOf(member, field);
      if (value) consider(field.slice(4), value.v as string | null, value.s, 0);
    }
  }
  out.tags = [...tags.entries()]
    .filter(([, t]) => t.name !== null)
    .sort(([ka, a], [kb, b]) =>
      a.s !== b.s ? (a.s < b.s ? -1 : 1) : a.pos !== b.pos ? a.pos - b.pos : ka < kb ? -1 : 1,
    )
    .map(([, t]) => t.name as string);
  return out as SyncItem;
}
