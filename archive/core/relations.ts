// Symmetric links between two items, each pair stored once (a < b) with an optional label
// ("background", "follow-up"). Linking twice updates the label rather than adding a copy.

import type { Archive } from './archive';
import type { Relation } from './model';
import { newId } from './ids';
import { invalid, ArchiveError } from './errors';

function ordered(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

export function findRelation(archive: Archive, x: string, y: string): Relation | undefined {
  const [a, b] = ordered(x, y);
  return archive.data.relations.find((r) => r.a === a && r.b === b);
}

export function link(archive: Archive, x: string, y: string, label: string | null = null): Relation {
  if (x === y) throw invalid('An item cannot be related to itself.');
  archive.item(x);
  archive.item(y);
  const clean = label?.replace(/\s+/g, ' ').trim() || null;
  let relation = findRelation(archive, x, y);
  if (relation) {
    relation.label = clean;
  } else {
    const [a, b] = ordered(x, y);
    relation = { id: newId(), a, b, label: clean, created: archive.now() };
    archive.data.relations.push(relation);
  }
  archive.record('relations', relation);
  archive.commit(archive.item(x));
  archive.commit(archive.item(y));
  return relation;
}

export function unlink(archive: Archive, x: string, y: string): void {
  const relation = findRelation(archive, x, y);
  if (!relation) throw new ArchiveError('not_found', 'Those two items are not related.');
  archive.data.relations = archive.data.relations.filter((r) => r !== relation);
  archive.unrecord('relations', relation.id);
  archive.commit(archive.item(x));
  archive.commit(archive.item(y));
}
