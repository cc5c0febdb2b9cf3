// Turns parsed filters into one predicate over item metadata. Tags, sources and kinds match
// exactly but without regard to case; dates compare as ISO strings, so `before:2025` means
// before 1 Jan 2025 and `after:2024-06` means from 1 June 2024 on. Invalid values are
// dropped with a notice rather than silently matching nothing.

import { ITEM_KINDS } from '../core/model';
import type { Filter } from './query-parser';
import type { SearchMeta } from './types';

export type MetaPredicate = (m: SearchMeta) => boolean;

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The date an item is filed under: when it was published, else when it was added. */
export function itemDate(m: Pick<SearchMeta, 'published' | 'added'>): string {
  return m.published || m.added || '';
}

export function fold(s: string): string {
  return s.normalize('NFC').toLowerCase().trim();
}

export function compileFilters(filters: Filter[], notices: string[]): MetaPredicate | null {
  const tests: MetaPredicate[] = [];
  for (const f of filters) {
    const t = compileOne(f, notices);
    if (t) tests.push(f.negate ? (m) => !t(m) : t);
  }
  if (tests.length === 0) return null;
  return (m) => {
    for (const t of tests) if (!t(m)) return false;
    return true;
  };
}

function compileOne(f: Filter, notices: string[]): MetaPredicate | null {
  const v = fold(f.value);
  if (!v) {
    notices.push(`The filter ${f.key}: has no value and was ignored.`);
    return null;
  }
  switch (f.key) {
    case 'tag':
      return (m) => m.tags.some((t) => fold(t) === v);
    case 'source':
      return (m) => m.source !== null && fold(m.source) === v;
    case 'kind':
      if (!(ITEM_KINDS as readonly string[]).includes(v)) {
        notices.push(`kind:${f.value} is not a kind of item (${ITEM_KINDS.join(', ')}) and was ignored.`);
        return null;
      }
      return (m) => m.kind === v;
    case 'before':
    case 'after':
      if (!DATE.test(v)) {
        notices.push(`${f.key}:${f.value} is not a date (YYYY, YYYY-MM or YYYY-MM-DD) and was ignored.`);
        return null;
      }
      return f.key === 'before' ? (m) => itemDate(m) < v : (m) => itemDate(m) >= v;
    case 'year':
      if (!/^\d{4}$/.test(v)) {
        notices.push(`year:${f.value} is not a year and was ignored.`);
        return null;
      }
      return (m) => itemDate(m).startsWith(v);
    case 'has':
      if (v === 'notes' || v === 'note') return (m) => m.hasNotes;
      if (v === 'highlights' || v === 'highlight') return (m) => m.hasHighlights;
      notices.push(`has:${f.value} is not known (use has:notes or has:highlights) and was ignored.`);
      return null;
    case 'is':
      if (v === 'unread') return (m) => m.unread;
      if (v === 'read') return (m) => !m.unread;
      notices.push(`is:${f.value} is not known (use is:unread or is:read) and was ignored.`);
      return null;
  }
}
