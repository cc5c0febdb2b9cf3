// Adding, editing and deleting items. An item is added whole or not at all: its body files
// are written before its metadata, and removed again if anything fails. Deleting an item
// removes its relations, notes, highlights and body with it.

import type { Archive } from './archive';
import type { Highlight, Item, ItemKind } from './model';
import type { ImportDraft } from '../interop/types';
import { newId } from './ids';
import { countWords, excerptOf, textHash } from './text-stats';
import { cleanTagName, withTags } from './tags';
import { invalid } from './errors';
import type { ItemPatch } from './fields';

export type { ItemPatch };

/** Adds one item from an importer's draft, with its notes and highlights; returns its id. */
export async function addItem(archive: Archive, draft: ImportDraft): Promise<string> {
  return commitItem(archive, await writeItemBodies(archive, draft));
}

/** A draft whose bodies are written under a new id, not yet part of the archive. */
export interface WrittenItem {
  id: string;
  draft: ImportDraft;
}

/**
 * The first half of addItem: writes the draft's bodies and images under a fresh id (nothing
 * refers to them yet, so a crash leaves only files `verify` calls leftovers). Many may run at
 * once; commitItem then adds them in the order the caller chooses.
 */
export async function writeItemBodies(archive: Archive, draft: ImportDraft): Promise<WrittenItem> {
  const id = newId();
  const text = draft.text ?? '';
  const store = archive.store;
  // Written side by side; every write has settled before a failure removes what was written.
  const writes = await Promise.allSettled([
    text ? store.writeContent(id, 'txt', text) : null,
    draft.html ? store.writeContent(id, 'html', draft.html) : null,
    store.writeAssets(id, draft.images ?? []),
  ]);
  const failed = writes.find((w): w is PromiseRejectedResult => w.status === 'rejected');
  if (failed) {
    await store.removeContent(id).catch(() => undefined);
    throw failed.reason;
  }
  return { id, draft };
}

/** Removes the bodies of a written item that will not be committed (a duplicate after all). */
export async function discardItemBodies(archive: Archive, written: WrittenItem): Promise<void> {
  await archive.store.removeContent(written.id).catch(() => undefined);
}

/** The second half of addItem: records the item, its notes and highlights (synchronous, so never half done). */
export function commitItem(archive: Archive, { id, draft }: WrittenItem): string {
  const now = archive.now();
  const text = draft.text ?? '';
  const title = draft.title.replace(/\s+/g, ' ').trim() || 'Untitled';
  const data = archive.data;
  const tags = withTags([], archive.ensureTags(draft.tags.map(cleanTagName), now));
  const item: Item = {
    id,
    kind: draft.kind,
    title,
    byline: draft.byline?.trim() || null,
    source: draft.source?.trim() || null,
    url: draft.url || null,
    published: draft.published || null,
    added: draft.added ?? now,
    updated: now,
    language: (draft.language || 'en').toLowerCase().split(/[-_]/)[0],
    excerpt: draft.excerpt?.trim() || excerptOf(text),
    wordCount: countWords(text),
    tags,
    readAt: draft.readAt ?? null,
    archivedAt: draft.archivedAt ?? null,
    favourite: draft.favourite ?? false,
    progress: draft.progress ?? 0,
    content: { html: Boolean(draft.html), text: Boolean(text) },
    assets: (draft.images ?? []).map((i) => i.name),
    textHash: textHash(text),
  };
  data.items.push(item);
  for (const note of draft.notes) {
    if (!note.text.trim()) continue;
    const record = {
      id: newId(),
      itemId: id,
      text: note.text,
      created: note.created ?? now,
      updated: note.created ?? now,
    };
    data.notes.push(record);
    archive.record('notes', record);
  }
  for (const h of draft.highlights) {
    if (!h.quote.trim()) continue;
    const start = text.indexOf(h.quote);
    const record: Highlight = {
      id: newId(),
      itemId: id,
      quote: h.quote,
      start: start < 0 ? 0 : start,
      end: start < 0 ? 0 : start + h.quote.length,
      comment: h.comment?.trim() || null,
      color: null,
      created: h.created ?? now,
      updated: h.created ?? now,
    };
    data.highlights.push(record);
    archive.record('highlights', record);
  }
  archive.commit(item, text);
  return id;
}

/**
 * A note of the reader's own, as an item (kind 'note') written in Markdown. It is stored
 * like an article — rendered HTML and its plain text — so that search snippets and
 * highlights work on the words the reader sees, not on Markdown syntax.
 */
export async function createNoteItem(archive: Archive, title: string, markdown: string): Promise<string> {
  // Loaded on demand: the sanitiser behind it brings jsdom, which every CLI start would pay for.
  const { draftFromMarkdown } = await import('../interop/markdown');
  const { html, text } = draftFromMarkdown(markdown);
  return addItem(archive, {
    kind: 'note' as ItemKind,
    title,
    byline: null,
    source: null,
    url: null,
    published: null,
    language: 'en',
    excerpt: null,
    html,
    text,
    tags: [],
    added: null,
    readAt: archive.now(),
    highlights: [],
    notes: [],
  });
}

export function updateItem(archive: Archive, id: string, patch: ItemPatch): void {
  const item = archive.item(id);
  if (patch.title !== undefined) {
    const title = patch.title.replace(/\s+/g, ' ').trim();
    if (!title) throw invalid('A title cannot be empty.');
    item.title = title;
  }
  if (patch.byline !== undefined) item.byline = patch.byline?.trim() || null;
  if (patch.source !== undefined) item.source = patch.source?.trim() || null;
  if (patch.url !== undefined) item.url = patch.url || null;
  if (patch.published !== undefined) item.published = patch.published || null;
  if (patch.language !== undefined) item.language = patch.language.toLowerCase();
  archive.commit(item);
}

export function markRead(archive: Archive, id: string, read: boolean): void {
  const item = archive.item(id);
  const readAt = read ? (item.readAt ?? archive.now()) : null;
  if (readAt === item.readAt) return;
  item.readAt = readAt;
  archive.commit(item);
}

export async function deleteItem(archive: Archive, id: string): Promise<void> {
  archive.item(id);
  const data = archive.data;
  const neighbours = archive.relationsOf(id).map((r) => (r.a === id ? r.b : r.a));
  for (const r of archive.relationsOf(id)) archive.unrecord('relations', r.id);
  for (const n of archive.notesOf(id)) archive.unrecord('notes', n.id);
  for (const h of archive.highlightsOf(id)) archive.unrecord('highlights', h.id);
  data.items = data.items.filter((i) => i.id !== id);
  data.relations = data.relations.filter((r) => r.a !== id && r.b !== id);
  data.notes = data.notes.filter((n) => n.itemId !== id);
  data.highlights = data.highlights.filter((h) => h.itemId !== id);
  archive.forget(id);
  // Neighbours lose a link; their `updated` says so.
  for (const other of neighbours) if (archive.has(other)) archive.commit(archive.item(other));
  // The body goes once the deletion is on disk: a crash before leaves the item whole.
  await archive.durable();
  await archive.store.removeContent(id);
}
