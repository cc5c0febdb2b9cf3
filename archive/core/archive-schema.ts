// What an archive's data must satisfy when it comes from outside the running archive as a
// whole (a bundle): the model's one schema (model.ts), and also every reference holding —
// each item once, every tag registered, every note, highlight and link pointing at an item
// of the same data. (dossier.json on disk gets the schema alone: a dangling reference there
// is for `dossier verify --repair`, not a reason to lock the reader out.)

import type { z } from 'zod';
import { ArchiveData } from './model';
import { tagKey } from './tags';
import { describeSchemaIssue } from './schema-issue';

/** The first reference that points nowhere (or id used twice), or null when all hold. */
function referenceProblem(data: ArchiveData): string | null {
  const ids = new Set<string>();
  for (const [i, item] of data.items.entries()) {
    if (ids.has(item.id)) return `items[${i}].id: item ${item.id} appears twice`;
    ids.add(item.id);
  }
  const registered = new Set(data.tags.map((t) => tagKey(t.name)));
  for (const [i, item] of data.items.entries()) {
    for (const tag of item.tags)
      if (!registered.has(tagKey(tag))) return `items[${i}].tags: tag “${tag.slice(0, 40)}” is not registered`;
  }
  for (const key of ['notes', 'highlights'] as const) {
    for (const [i, x] of data[key].entries())
      if (!ids.has(x.itemId)) return `${key}[${i}].itemId: belongs to a missing item`;
  }
  for (const [i, r] of data.relations.entries()) {
    if (!ids.has(r.a) || !ids.has(r.b)) return `relations[${i}]: points at a missing item`;
  }
  return null;
}

/** One line naming the first thing wrong in `error`, e.g. `items[0].tags: expected array, received string`. */
export function firstIssue(error: z.ZodError): string {
  return describeSchemaIssue(error.issues[0]);
}

/** Parses already-migrated data; throws a one-line Error naming the first problem. */
export function parseArchiveData(raw: unknown): ArchiveData {
  const result = ArchiveData.safeParse(raw);
  if (!result.success) throw new Error(firstIssue(result.error));
  const problem = referenceProblem(result.data);
  if (problem) throw new Error(problem);
  return result.data;
}
