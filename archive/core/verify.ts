// Checks an archive's integrity without changing it: every reference points at an item,
// every body an item claims is on disk, every tag on an item is registered. Body files that
// belong to no item (left by an import a crash interrupted, never acknowledged) are listed
// as leftovers, not problems: nothing the reader was told is saved is missing.

import { promises as fs } from 'node:fs';
import type { Archive } from './archive';
import { tagKey } from './tags';
import type { VerifyReport } from './reports';

export type { VerifyReport };

const BODY_FILE = /^([0-9a-f]{16})\.(txt|html)$/;

export async function verifyArchive(archive: Archive): Promise<VerifyReport> {
  const data = archive.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const item of data.items) {
    if (ids.has(item.id)) problems.push(`Item ${item.id} appears twice.`);
    ids.add(item.id);
  }
  const registered = new Set(data.tags.map((t) => tagKey(t.name)));
  for (const item of data.items) {
    for (const tag of item.tags)
      if (!registered.has(tagKey(tag))) problems.push(`Item ${item.id} has tag “${tag}”, which is not registered.`);
  }
  for (const r of data.relations) {
    if (!ids.has(r.a) || !ids.has(r.b)) problems.push(`Relation ${r.id} points at a missing item.`);
  }
  for (const n of data.notes)
    if (!ids.has(n.itemId)) problems.push(`Note ${n.id} belongs to missing item ${n.itemId}.`);
  for (const h of data.highlights)
    if (!ids.has(h.itemId)) problems.push(`Highlight ${h.id} belongs to missing item ${h.itemId}.`);

  const files = await contentFiles(archive);
  if (files === null) problems.push('The content/ folder is missing.');
  const present = new Set(files ?? []);
  for (const item of data.items) {
    if (item.content.text && !present.has(`${item.id}.txt`))
      problems.push(`The text of item ${item.id} (“${item.title}”) is missing.`);
    if (item.content.html && !present.has(`${item.id}.html`))
      problems.push(`The HTML of item ${item.id} (“${item.title}”) is missing.`);
  }
  const leftovers = (files ?? []).filter((file) => {
    const match = file.match(BODY_FILE);
    return match ? !ids.has(match[1]) : /\.tmp$/.test(file);
  });
  // Image folders: one per item that keeps images; every image its HTML names is there.
  for (const folder of await contentFolders(archive)) if (!ids.has(folder)) leftovers.push(`${folder}/`);
  for (const item of data.items) {
    if (item.assets.length === 0) continue;
    const present = new Set(await fs.readdir(archive.store.assetsDir(item.id)).catch(() => [] as string[]));
    const lost = item.assets.filter((a) => !present.has(a));
    if (lost.length) problems.push(`${lost.length} image(s) of item ${item.id} (“${item.title}”) are missing.`);
  }
  return {
    ok: problems.length === 0,
    problems,
    leftovers: leftovers.map((f) => `content/${f}`),
    checked: data.items.length,
  };
}

async function contentFolders(archive: Archive): Promise<string[]> {
  try {
    return (await fs.readdir(archive.store.contentDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && /^[0-9a-f]{16}$/.test(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

async function contentFiles(archive: Archive): Promise<string[] | null> {
  try {
    return (await fs.readdir(archive.store.contentDir, { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return null;
  }
}
