// `dossier verify --repair`: fixes what verify finds without losing anything. Leftover
// files are moved to lost+found/, links and annotations of missing items are dropped
// (they point at nothing), unregistered tags are registered, a repeated item is kept
// once, a body that is gone is no longer claimed, and the search index is rebuilt.
// Returns each action as a sentence.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Archive } from './archive';
import { verifyArchive } from './verify';
import { syncDir } from './atomic-file';
import { tagKey } from './tags';
import type { RepairReport } from './reports';

export async function repairArchive(archive: Archive): Promise<RepairReport> {
  const actions: string[] = [];
  const before = await verifyArchive(archive);

  if (before.leftovers.length) {
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const into = path.join(archive.dir, 'lost+found', stamp);
    await fs.mkdir(into, { recursive: true });
    for (const file of before.leftovers) {
      await fs.rename(path.join(archive.dir, file), path.join(into, path.basename(file.replace(/\/$/, ''))));
    }
    await syncDir(into);
    await syncDir(archive.store.contentDir);
    actions.push(
      `Moved ${before.leftovers.length} file(s) that belonged to no item to ${path.relative(archive.dir, into)}/.`,
    );
  }

  const data = archive.data;
  const seen = new Set<string>();
  const repeated = data.items.filter((item) => (seen.has(item.id) ? true : (seen.add(item.id), false)));
  if (repeated.length) {
    const first = new Map<string, (typeof data.items)[number]>();
    for (const item of data.items) if (!first.has(item.id)) first.set(item.id, item);
    data.items = [...first.values()];
    for (const item of data.items) archive.store.put('items', item);
    actions.push(`Kept ${repeated.length} repeated item(s) once.`);
  }

  const dropDangling = <T extends { id: string }>(
    list: T[],
    ok: (r: T) => boolean,
    coll: 'notes' | 'highlights' | 'relations',
    what: string,
  ): T[] => {
    const dangling = list.filter((r) => !ok(r));
    for (const r of dangling) archive.unrecord(coll, r.id);
    if (dangling.length) actions.push(`Removed ${dangling.length} ${what} of items that no longer exist.`);
    return dangling.length ? list.filter(ok) : list;
  };
  data.relations = dropDangling(data.relations, (r) => seen.has(r.a) && seen.has(r.b), 'relations', 'link(s)');
  data.notes = dropDangling(data.notes, (n) => seen.has(n.itemId), 'notes', 'note(s)');
  data.highlights = dropDangling(data.highlights, (h) => seen.has(h.itemId), 'highlights', 'highlight(s)');

  const registered = new Set(data.tags.map((t) => tagKey(t.name)));
  const missing = [...new Set(data.items.flatMap((i) => i.tags).filter((t) => !registered.has(tagKey(t))))];
  if (missing.length) {
    archive.ensureTags(missing);
    actions.push(`Registered ${missing.length} tag(s) used by items: ${missing.join(', ')}.`);
  }

  const files = new Set(await fs.readdir(archive.store.contentDir).catch(() => [] as string[]));
  for (const item of data.items) {
    const lost = (['txt', 'html'] as const).filter(
      (ext) => (ext === 'txt' ? item.content.text : item.content.html) && !files.has(`${item.id}.${ext}`),
    );
    if (!lost.length) continue;
    item.content = {
      text: item.content.text && !lost.includes('txt'),
      html: item.content.html && !lost.includes('html'),
    };
    archive.commit(item);
    actions.push(
      `The ${lost.join(' and ')} body of “${item.title}” (${item.id}) is gone; it is no longer claimed (a backup may still hold it).`,
    );
  }

  for (const item of data.items) {
    if (item.assets.length === 0) continue;
    const present = new Set(await fs.readdir(archive.store.assetsDir(item.id)).catch(() => [] as string[]));
    const kept = item.assets.filter((a) => present.has(a));
    if (kept.length === item.assets.length) continue;
    actions.push(
      `${item.assets.length - kept.length} image(s) of “${item.title}” are gone; the article shows a placeholder for them.`,
    );
    item.assets = kept;
    archive.commit(item);
  }

  await archive.durable();
  await archive.reopenIndex({ discard: true });
  actions.push('Rebuilt the search index.');
  const after = await verifyArchive(archive);
  return { actions, ok: after.ok, problems: after.problems };
}
