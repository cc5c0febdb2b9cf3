// "Changed on both machines": fields two devices wrote without seeing each other's value.
// The newest value is the item's; the others are kept in the merge state (not dropped) and
// listed here until someone chooses, which writes the chosen value over all of them.

import { fieldOf, losersOf, type Entity } from './crdt';
import { stampDevice, stampTime } from './hlc';
import type { MergeState } from './merge-state';
import type { Conflict, ConflictValue } from './types';

export type { Conflict, ConflictValue };

/** Fields worth asking a person about; the rest (reading progress, stamps, hashes) settle silently. */
const ASKED: Record<string, readonly string[]> = {
  i: ['title', 'byline', 'source', 'url', 'published', 'language', 'kind', 'excerpt'],
  n: ['text'],
  h: ['comment', 'color'],
  r: ['label'],
  t: ['color'],
};

export function listConflicts(merge: MergeState): Conflict[] {
  const view = merge.view;
  const out: Conflict[] = [];
  for (const [key, entity] of merge.entities) {
    const fields = ASKED[key[0]];
    if (!fields || entity.w === null) continue;
    const itemId = itemOf(key, entity, view.alias);
    if (key[0] === 'i' && !itemId) continue;
    if (
      key[0] !== 't' &&
      key[0] !== 'i' &&
      !view[({ n: 'notes', h: 'highlights', r: 'relations' } as const)[key[0] as 'n' | 'h' | 'r']].has(key.slice(2))
    )
      continue;
    for (const field of fields) {
      const losers = losersOf(entity, field);
      if (losers.length === 0) continue;
      const winner = fieldOf(entity, field)!;
      out.push({
        entity: key,
        field,
        itemId,
        current: describe(winner.v, winner.s),
        others: losers.reverse().map((h) => describe(h.v, h.s)),
      });
    }
  }
  return out.sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : a.field < b.field ? -1 : 1));
}

function itemOf(key: string, entity: Entity, alias: Map<string, string>): string | null {
  if (key[0] === 'i') return alias.get(key.slice(2)) ?? null;
  const owner = (entity.w?.itemId ?? entity.w?.a) as string | undefined;
  return owner ? (alias.get(owner) ?? null) : null;
}

function describe(value: unknown, stamp: string): ConflictValue {
  return { value, device: stampDevice(stamp), at: new Date(stampTime(stamp)).toISOString() };
}
