// Builds ImportDrafts for the app importers so that every format fills the same fields the
// same way: absent values are null (never undefined or ''), tags are trimmed and unique
// without regard to case, and an entry without content is a 'bookmark' with text ''.

import type { ImportDraft, ParsedFile } from './types';
import { tagKey, tidyTagName } from '../core/same-tag';

/** Draft fields an importer may hand over as raw JSON values, cleaned by makeDraft. */
type LooseField = 'title' | 'byline' | 'source' | 'language' | 'excerpt';

/** What an importer knows: any of the draft's fields, loosely typed where makeDraft cleans them. */
export type DraftFields = Partial<Omit<ImportDraft, LooseField | 'tags' | 'images'>> & {
  [K in LooseField]?: unknown;
} & { tags?: Iterable<unknown> };

/** Trimmed, non-empty, first spelling wins among spellings that differ only in case. */
export function cleanTags(tags: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') continue;
    const tag = tidyTagName(raw);
    const key = tagKey(tag);
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * Splits a tag list written as one string. Commas win when present ("tag1, multi word"),
 * else whitespace separates ("private secret"), as bookmark exporters disagree.
 */
export function splitTags(value: unknown, separator?: string | RegExp): string[] {
  if (Array.isArray(value)) return cleanTags(value);
  if (typeof value !== 'string') return [];
  const sep = separator ?? (value.includes(',') ? ',' : /\s+/);
  return cleanTags(value.split(sep));
}

/** A string field from untrusted JSON: trimmed, or null when absent or empty. */
export function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t === '' ? null : t;
}

/** An absolute http(s) URL, or null: other schemes (place:, javascript:) are not pages. */
export function webUrl(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Fills every field; a draft with neither html nor text is a bookmark. */
export function makeDraft(fields: DraftFields): ImportDraft {
  const text = fields.text ?? '';
  const html = fields.html ?? null;
  const title = str(fields.title) ?? fields.url ?? 'Untitled';
  return {
    kind: fields.kind ?? (text === '' && html === null ? 'bookmark' : 'article'),
    title,
    byline: str(fields.byline),
    source: str(fields.source),
    url: fields.url ?? null,
    published: fields.published ?? null,
    language: primaryLanguage(fields.language),
    excerpt: str(fields.excerpt),
    html,
    text,
    tags: cleanTags(fields.tags ?? []),
    added: fields.added ?? null,
    readAt: fields.readAt ?? null,
    archivedAt: fields.archivedAt ?? null,
    favourite: fields.favourite ?? false,
    progress: Number.isFinite(fields.progress) ? Math.min(1, Math.max(0, fields.progress as number)) : 0,
    highlights: fields.highlights ?? [],
    notes: fields.notes ?? [],
  };
}

/** "en-US" → "en", "FR" → "fr"; null for anything that is not a language subtag. */
export function primaryLanguage(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  const primary = s.split(/[-_]/)[0].toLowerCase();
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

export type EntryResult = ImportDraft | { skip: string };

/**
 * Maps each entry of an export, turning a thrown error or a { skip } into a `skipped` row so
 * that one bad entry never stops the rest; `label` names the entry for the person reading.
 */
export function collect<T>(
  entries: readonly T[],
  label: (entry: T, index: number) => string,
  map: (entry: T) => EntryResult,
): ParsedFile {
  const out: ParsedFile = { drafts: [], skipped: [] };
  entries.forEach((entry, index) => {
    let result: EntryResult;
    try {
      result = map(entry);
    } catch (error) {
      result = { skip: (error as Error).message };
    }
    keep(out, label(entry, index), result);
  });
  return out;
}

/** Adds one entry's result to `out`: its draft, or a `skipped` row under `label`. */
export function keep(out: ParsedFile, label: string, result: EntryResult): void {
  if ('skip' in result) out.skipped.push({ entry: label, reason: result.skip });
  else out.drafts.push(result);
}

/** A label for an entry in a skipped list: its title or address, else its position. */
export function entryLabel(title: unknown, url: unknown, index: number): string {
  return str(title) ?? str(url) ?? `entry ${index + 1}`;
}

/**
 * An entry that is only worth keeping with a web address: its draft, or the reason it is
 * skipped (no address, or one that is not http(s), such as place: or javascript:).
 */
export function withWebAddress(raw: unknown, toDraft: (url: string) => ImportDraft): EntryResult {
  const url = webUrl(raw);
  if (url === null) return { skip: raw ? `not a web address: ${String(raw).slice(0, 80)}` : 'no address' };
  return toDraft(url);
}

/** Titles other apps write when they found none; better to show the address. */
const PLACEHOLDER_TITLES = new Set(['no title found', 'untitled']);

export function realTitle(value: unknown): string | null {
  const title = str(value);
  return title !== null && PLACEHOLDER_TITLES.has(title.toLowerCase()) ? null : title;
}
