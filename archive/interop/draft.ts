// Builds ImportDrafts for the app importers so that every format fills the same fields the
// same way: absent values are null (never undefined or ''), tags are trimmed and unique
// without regard to case, and an entry without content is a 'bookmark' with text ''.

import type { ImportDraft } from './types';

export type DraftFields = Partial<ImportDraft> & { title?: string | null };

/** Trimmed, non-empty, first spelling wins among spellings that differ only in case. */
export function cleanTags(tags: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') continue;
    const tag = raw.replace(/\s+/g, ' ').trim();
    const key = tag.toLowerCase();
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
