// Saved searches, kept in the archive's settings so that every host and every machine sees
// the same list: a name and a query in Dossier's syntax. Saving under an existing name
// (compared without regard to case) replaces that search.

import { z } from 'zod';
import type { Archive } from './archive';
import { notFound } from './errors';
import { MAX_SEARCH_NAME_LENGTH } from './limits';

export const SavedSearch = z.object({
  name: z.string().trim().min(1).max(MAX_SEARCH_NAME_LENGTH),
  q: z.string().max(2_000),
  created: z.string(),
});
export type SavedSearch = z.infer<typeof SavedSearch>;

const KEY = 'savedSearches';

export function listSavedSearches(archive: Archive): SavedSearch[] {
  const parsed = z.array(SavedSearch).safeParse(archive.data.settings[KEY] ?? []);
  return parsed.success ? parsed.data : [];
}

export function saveSearch(archive: Archive, name: string, q: string): SavedSearch[] {
  const clean = name.replace(/\s+/g, ' ').trim();
  const list = listSavedSearches(archive).filter((s) => s.name.toLowerCase() !== clean.toLowerCase());
  list.push({ name: clean, q, created: archive.now() });
  list.sort((a, b) => a.name.localeCompare(b.name));
  archive.data.settings[KEY] = list;
  archive.store.putSettings();
  return list;
}

export function deleteSavedSearch(archive: Archive, name: string): SavedSearch[] {
  const list = listSavedSearches(archive);
  const next = list.filter((s) => s.name.toLowerCase() !== name.trim().toLowerCase());
  if (next.length === list.length) throw notFound('saved search', name);
  archive.data.settings[KEY] = next;
  archive.store.putSettings();
  return next;
}
