// Tag names as people type them: trimmed, inner white space folded, unique without regard
// to case, and the first spelling kept for display. Pure functions over the tag registry
// and item tag lists; the archive calls them and records the change.

import { MAX_TAG_LENGTH, type ArchiveData, type Tag } from './model';
import { invalid } from './errors';
import { tagKey, tidyTagName } from './same-tag';

export { MAX_TAG_LENGTH, tagKey };

/** The display form of a tag a person typed; throws when nothing is left of it. */
export function cleanTagName(raw: string): string {
  const name = tidyTagName(raw);
  if (!name) throw invalid('A tag needs at least one visible character.');
  if (name.length > MAX_TAG_LENGTH) throw invalid(`A tag can be at most ${MAX_TAG_LENGTH} characters long.`);
  return name;
}

export function findTag(data: ArchiveData, name: string): Tag | undefined {
  const key = tagKey(name);
  return data.tags.find((t) => tagKey(t.name) === key);
}

/** The registered spelling of `name`, registering it first if it is new. */
export function ensureTag(data: ArchiveData, name: string, now: string): string {
  const existing = findTag(data, name);
  if (existing) return existing.name;
  const tag: Tag = { name: cleanTagName(name), color: null, created: now };
  data.tags.push(tag);
  return tag.name;
}

/** `tags` plus `more`, without duplicates (by key), keeping the order of first appearance. */
export function withTags(tags: readonly string[], more: readonly string[]): string[] {
  const seen = new Set(tags.map(tagKey));
  const out = [...tags];
  for (const name of more) {
    const key = tagKey(name);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}

export function withoutTags(tags: readonly string[], less: readonly string[]): string[] {
  const drop = new Set(less.map(tagKey));
  return tags.filter((t) => !drop.has(tagKey(t)));
}

export function hasTag(tags: readonly string[], name: string): boolean {
  const key = tagKey(name);
  return tags.some((t) => tagKey(t) === key);
}
