// Tags on items and the tag registry: add, remove, rename, merge, colour, delete, count.
// Renaming to a name that exists already is a merge, so no two tags ever share a key.

import type { Archive } from './archive';
import type { Tag } from './model';
import { cleanTagName, findTag, tagKey, withTags, withoutTags, hasTag } from './tags';
import { ArchiveError, invalid } from './errors';
import { COLOR_PATTERN } from './limits';

/** A registered tag with the number of items that carry it. */
export type TagCount = Pick<Tag, 'name' | 'color'> & { count: number };

export function tagItem(archive: Archive, id: string, names: string[]): void {
  const item = archive.item(id);
  const now = archive.now();
  const spelled = archive.ensureTags(names.map(cleanTagName), now);
  const next = withTags(item.tags, spelled);
  if (next.length === item.tags.length) return;
  item.tags = next;
  archive.commit(item);
}

export function untagItem(archive: Archive, id: string, names: string[]): void {
  const item = archive.item(id);
  const next = withoutTags(item.tags, names.map(cleanTagName));
  if (next.length === item.tags.length) return;
  item.tags = next;
  archive.commit(item);
}

export function listTags(archive: Archive): TagCount[] {
  const counts = new Map<string, number>();
  for (const item of archive.data.items)
    for (const t of item.tags) counts.set(tagKey(t), (counts.get(tagKey(t)) ?? 0) + 1);
  return archive.data.tags
    .map((t) => ({ name: t.name, color: t.color, count: counts.get(tagKey(t.name)) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function requireTag(archive: Archive, name: string) {
  const tag = findTag(archive.data, name);
  if (!tag) throw new ArchiveError('not_found', `There is no tag named “${name}”.`);
  return tag;
}

/** Renames a tag everywhere; a new name that is already a tag merges the two. */
export function renameTag(archive: Archive, from: string, to: string): void {
  const tag = requireTag(archive, from);
  const target = cleanTagName(to);
  const existing = findTag(archive.data, target);
  if (existing && existing !== tag) {
    mergeTags(archive, [tag.name], existing.name);
    return;
  }
  const oldName = tag.name;
  tag.name = target; // also a change of case only: "china" → "China"
  for (const item of archive.data.items) {
    if (!hasTag(item.tags, oldName)) continue;
    item.tags = item.tags.map((t) => (tagKey(t) === tagKey(oldName) ? target : t));
    archive.commit(item);
  }
  archive.tagsChanged();
}

/** Folds the `from` tags into `into`: every item keeps one `into` tag in their place. */
export function mergeTags(archive: Archive, from: string[], into: string): void {
  const [target] = archive.ensureTags([cleanTagName(into)]);
  const sources = from.map((name) => requireTag(archive, name)).filter((t) => tagKey(t.name) !== tagKey(target));
  if (sources.length === 0) throw invalid('Choose at least one other tag to merge.');
  const names = sources.map((t) => t.name);
  for (const item of archive.data.items) {
    if (!names.some((n) => hasTag(item.tags, n))) continue;
    item.tags = withTags(withoutTags(item.tags, names), [target]);
    archive.commit(item);
  }
  archive.data.tags = archive.data.tags.filter((t) => !sources.includes(t));
  archive.tagsChanged();
}

export function deleteTag(archive: Archive, name: string): void {
  const tag = requireTag(archive, name);
  for (const item of archive.data.items) {
    if (!hasTag(item.tags, tag.name)) continue;
    item.tags = withoutTags(item.tags, [tag.name]);
    archive.commit(item);
  }
  archive.data.tags = archive.data.tags.filter((t) => t !== tag);
  archive.tagsChanged();
}

export function setTagColor(archive: Archive, name: string, color: string | null): void {
  const tag = requireTag(archive, name);
  if (color !== null && !COLOR_PATTERN.test(color)) throw invalid('A tag colour is written #rrggbb.');
  tag.color = color;
  archive.tagsChanged();
}

export function listSources(archive: Archive): Array<{ name: string; count: number }> {
  const counts = new Map<string, number>();
  for (const item of archive.data.items) if (item.source) counts.set(item.source, (counts.get(item.source) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
