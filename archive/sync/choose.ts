// Settling a conflict: the chosen value becomes the field's value here (as an ordinary,
// durable edit) and an operation written over every value it beat, which settles it here at
// once and on each other device once the next round reaches it.

import type { Archive } from '../core/archive';
import { ArchiveError, notFound } from '../core/errors';
import { tagKey } from '../core/tags';
import { listConflicts, type Conflict } from './conflicts';
import { openSession, saveSession } from './session';
import type { SyncOp } from './crdt';

export async function conflictsOf(archive: Archive): Promise<Conflict[]> {
  return listConflicts((await openSession(archive)).merge);
}

/** Chooses value `pick` (0: the current one, 1...: the others, newest first) for a conflict. */
export async function chooseConflict(archive: Archive, entity: string, field: string, pick: number): Promise<Conflict> {
  const { local, merge } = await openSession(archive);
  const conflict = listConflicts(merge).find(
    (c) => (c.entity === entity || c.itemId === entity.replace(/^i:/, '')) && c.field === field,
  );
  if (!conflict) throw new ArchiveError('not_found', `No conflict on ${field} of ${entity}.`);
  const values = [conflict.current, ...conflict.others];
  if (!Number.isInteger(pick) || pick < 0 || pick >= values.length)
    throw new ArchiveError('invalid_argument', `Choose 0 (the current value) to ${values.length - 1}.`);
  const value = values[pick].value;
  const id = conflict.entity.slice(2);
  switch (conflict.entity[0]) {
    case 'i': {
      const item = archive.item(conflict.itemId ?? id);
      (item as Record<string, unknown>)[field] = value;
      archive.commit(item);
      break;
    }
    case 'n':
    case 'h':
    case 'r': {
      const coll = ({ n: 'notes', h: 'highlights', r: 'relations' } as const)[conflict.entity[0] as 'n' | 'h' | 'r'];
      const record = (archive.data[coll] as Array<{ id: string }>).find((r) => r.id === id);
      if (!record) throw notFound(coll.slice(0, -1), id);
      (record as Record<string, unknown>)[field] = value;
      archive.record(coll, record);
      if (conflict.itemId && archive.has(conflict.itemId)) archive.commit(archive.item(conflict.itemId));
      break;
    }
    case 't': {
      const tag = archive.data.tags.find((t) => tagKey(t.name) === id);
      if (!tag) throw notFound('tag', id);
      (tag as Record<string, unknown>)[field] = value;
      archive.tagsChanged();
      break;
    }
  }
  await archive.durable();
  // The choice, written over every value it beat; it is in the merge now and sent next round.
  const state = merge.entities.get(conflict.entity);
  const base = (state?.f[field]?.heads ?? []).reduce((best, h) => (h.s > best ? h.s : best), '');
  const op: SyncOp = { s: merge.clock.tick(), b: base, e: conflict.entity, f: field, v: value };
  merge.apply([op]);
  local.outbox.push(op);
  // The status line counts from here, without listing every entity each time it asks.
  local.conflicts = listConflicts(merge).length;
  await saveSession(archive, local, merge);
  return conflict;
}
