// Brings a .dossier bundle into an archive. Into an empty archive it restores exactly (same
// ids, times, bodies). Into one that has items it merges: an item the archive already holds
// (same id, canonical URL or text) gains the bundle's tags, notes, highlights and links
// instead of being added twice. Bodies are written first, so a failure changes nothing.

import type { Archive } from '../core/archive';
import type { Bundle } from '../core/bundle';
import type { Item } from '../core/model';
import { findTag, withTags } from '../core/tags';
import { duplicateIndex } from '../core/duplicate-index';
import type { ImportSummary } from '../core/reports';

function isEmpty(archive: Archive): boolean {
  const d = archive.data;
  return d.items.length + d.notes.length + d.highlights.length + d.relations.length + d.tags.length === 0;
}

async function writeBodies(archive: Archive, bundle: Bundle, ids: Set<string>): Promise<void> {
  const written: string[] = [];
  try {
    for (const [file, bytes] of bundle.content) {
      const image = file.match(/^([0-9a-f]{16})\/([^/]+)$/);
      if (image) {
        // An image kept with an item: content/<id>/<hash>.<ext> (the store checks both parts).
        if (!ids.has(image[1])) continue;
        await archive.store.writeAssets(image[1], [{ name: image[2], bytes }]);
        written.push(image[1]);
        continue;
      }
      const [id, ext] = file.split('.') as [string, 'txt' | 'html'];
      if (!ids.has(id)) continue;
      await archive.store.writeContent(id, ext, Buffer.from(bytes).toString('utf8'));
      written.push(id);
    }
  } catch (error) {
    await Promise.all(written.map((id) => archive.store.removeContent(id).catch(() => undefined)));
    throw error;
  }
}

function bodyOf(bundle: Bundle, id: string): string | undefined {
  const bytes = bundle.content.get(`${id}.txt`);
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}

function reindex(archive: Archive, bundle: Bundle, items: Item[]): void {
  for (const item of items) archive.index.upsert({ ...archive.searchMeta(item), body: bodyOf(bundle, item.id) });
}

async function restore(archive: Archive, bundle: Bundle): Promise<ImportSummary> {
  await writeBodies(archive, bundle, new Set(bundle.data.items.map((i) => i.id)));
  const data = archive.data;
  archive.replaceAll(structuredClone(bundle.data));
  reindex(archive, bundle, data.items);
  return { imported: data.items.map((i) => i.id), skipped: [] };
}

async function merge(archive: Archive, bundle: Bundle): Promise<ImportSummary> {
  const data = archive.data;
  // Only what the archive held before this bundle: its own items are added after the loop.
  const duplicates = duplicateIndex(archive);
  const idMap = new Map<string, string>();
  const added: Item[] = [];
  const summary: ImportSummary = { imported: [], skipped: [] };
  for (const item of bundle.data.items) {
    const existing = archive.has(item.id) ? item.id : (duplicates.duplicateOf(item.url, item.textHash)?.id ?? null);
    if (existing) {
      idMap.set(item.id, existing);
      summary.skipped.push({
        file: item.title,
        reason: `already in the archive as “${archive.item(existing).title}”; its tags, notes, highlights and links were merged`,
      });
    } else {
      idMap.set(item.id, item.id);
      added.push(structuredClone(item));
    }
  }
  await writeBodies(archive, bundle, new Set(added.map((i) => i.id)));

  const now = archive.now();
  for (const tag of bundle.data.tags) {
    const [name] = archive.ensureTags([tag.name], tag.created);
    const registered = findTag(data, name);
    if (registered && !registered.color && tag.color) registered.color = tag.color;
  }
  archive.tagsChanged();
  const touched = new Set<string>();
  for (const item of added) {
    item.tags = withTags([], archive.ensureTags(item.tags, now));
    data.items.push(item);
    archive.store.put('items', item);
    touched.add(item.id);
    summary.imported.push(item.id);
  }
  for (const item of bundle.data.items) {
    const target = archive.item(idMap.get(item.id) as string);
    if (target.id === item.id && added.some((a) => a.id === item.id)) continue;
    const tags = withTags(target.tags, archive.ensureTags(item.tags, now));
    if (tags.length !== target.tags.length) {
      target.tags = tags;
      archive.store.put('items', target);
      touched.add(target.id);
    }
  }
  for (const note of bundle.data.notes) {
    const itemId = idMap.get(note.itemId);
    if (!itemId || data.notes.some((n) => n.id === note.id || (n.itemId === itemId && n.text === note.text))) continue;
    const record = { ...note, itemId };
    data.notes.push(record);
    archive.record('notes', record);
    touched.add(itemId);
  }
  for (const h of bundle.data.highlights) {
    const itemId = idMap.get(h.itemId);
    if (
      !itemId ||
      data.highlights.some((x) => x.id === h.id || (x.itemId === itemId && x.quote === h.quote && x.start === h.start))
    )
      continue;
    const record = { ...h, itemId };
    data.highlights.push(record);
    archive.record('highlights', record);
    touched.add(itemId);
  }
  for (const r of bundle.data.relations) {
    const [x, y] = [idMap.get(r.a), idMap.get(r.b)];
    if (!x || !y || x === y) continue;
    const [a, b] = x < y ? [x, y] : [y, x];
    if (data.relations.some((e) => e.a === a && e.b === b)) continue;
    const record = { ...r, a, b };
    data.relations.push(record);
    archive.record('relations', record);
    touched.add(a);
    touched.add(b);
  }
  for (const id of touched) {
    const item = archive.item(id);
    archive.index.upsert({ ...archive.searchMeta(item), body: bodyOf(bundle, id) });
  }
  return summary;
}

export async function importBundle(archive: Archive, bundle: Bundle): Promise<ImportSummary> {
  return isEmpty(archive) ? restore(archive, bundle) : merge(archive, bundle);
}
