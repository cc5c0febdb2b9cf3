// The one schema of dossier.json's contents (after migration), for everything read back from
// outside the running archive: bundles now, the snapshot and journal on disk too. Checks
// shapes and ids, and that every reference points at an item of the same data.

import { z } from 'zod';
import { ARCHIVE_VERSION, ITEM_KINDS, type ArchiveData } from './model';
import { ID_PATTERN } from './ids';
import { MAX_TAG_LENGTH, tagKey } from './tags';

const Id = z.string().regex(ID_PATTERN, 'an id is 16 hexadecimal digits');
/** Generous bounds: they keep a hostile file from holding a gigabyte in one field, nothing more. */
const Line = z.string().max(100_000);
const Text = z.string().max(50_000_000);
const Stamp = z.string().max(100);
const TagName = z
  .string()
  .max(MAX_TAG_LENGTH * 4)
  .refine((t) => t.trim() !== '' && t.replace(/\s+/g, ' ').trim().length <= MAX_TAG_LENGTH, 'not a valid tag name');

export const ItemSchema = z.object({
  id: Id,
  kind: z.enum(ITEM_KINDS),
  title: Line,
  byline: Line.nullable(),
  source: Line.nullable(),
  url: Line.nullable(),
  published: Stamp.nullable(),
  added: Stamp,
  updated: Stamp,
  language: z.string().max(35),
  excerpt: Text,
  wordCount: z.number().int().min(0),
  tags: z.array(TagName).max(10_000),
  readAt: Stamp.nullable(),
  content: z.object({ html: z.boolean(), text: z.boolean() }),
  textHash: z.string().max(200).nullable(),
});

export const TagSchema = z.object({ name: TagName, color: z.string().max(100).nullable(), created: Stamp });

export const RelationSchema = z.object({ id: Id, a: Id, b: Id, label: Line.nullable(), created: Stamp });

export const NoteSchema = z.object({ id: Id, itemId: Id, text: Text, created: Stamp, updated: Stamp });

export const HighlightSchema = z.object({
  id: Id,
  itemId: Id,
  quote: Text,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  comment: Text.nullable(),
  color: z.string().max(100).nullable(),
  created: Stamp,
  updated: Stamp,
});

export const ArchiveDataSchema = z
  .object({
    version: z.literal(ARCHIVE_VERSION),
    items: z.array(ItemSchema),
    tags: z.array(TagSchema),
    notes: z.array(NoteSchema),
    highlights: z.array(HighlightSchema),
    relations: z.array(RelationSchema),
    settings: z.record(z.string(), z.unknown()),
  })
  .superRefine((data, ctx) => {
    const problem = referenceProblem(data);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });

/** The first reference that points nowhere (or id used twice), or null when all hold. */
function referenceProblem(data: z.infer<typeof ArchiveDataSchema>): { path: (string | number)[]; message: string } | null {
  const ids = new Set<string>();
  for (const [i, item] of data.items.entries()) {
    if (ids.has(item.id)) return { path: ['items', i, 'id'], message: `item ${item.id} appears twice` };
    ids.add(item.id);
  }
  const registered = new Set(data.tags.map((t) => tagKey(t.name)));
  for (const [i, item] of data.items.entries()) {
    for (const tag of item.tags) if (!registered.has(tagKey(tag))) return { path: ['items', i, 'tags'], message: `tag “${tag.slice(0, 40)}” is not registered` };
  }
  for (const key of ['notes', 'highlights'] as const) {
    for (const [i, x] of data[key].entries()) if (!ids.has(x.itemId)) return { path: [key, i, 'itemId'], message: `belongs to a missing item` };
  }
  for (const [i, r] of data.relations.entries()) {
    if (!ids.has(r.a) || !ids.has(r.b)) return { path: ['relations', i], message: 'points at a missing item' };
  }
  return null;
}

/** `items[3].tags` from zod's ['items', 3, 'tags']. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('') || 'the top level';
}

/** One line naming the first thing wrong in `error`, e.g. `items[0].tags: expected array, received string`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const message = issue.message.replace(/^Invalid input: /, '');
  return `${pathText(issue.path)}: ${message}`;
}

/** Parses already-migrated data; throws a one-line Error naming the first problem. */
export function parseArchiveData(raw: unknown): ArchiveData {
  const result = ArchiveDataSchema.safeParse(raw);
  if (!result.success) throw new Error(firstIssue(result.error));
  return result.data as ArchiveData;
}

// The schema and the model must describe the same thing: this fails to compile if they part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesModel: Same<Omit<z.infer<typeof ArchiveDataSchema>, 'version'>, Omit<ArchiveData, 'version'>> = true;
void schemaMatchesModel;
