// Turns parsed filters into one predicate over item numbers in the item table. Tags,
// sources and kinds match exactly but without regard to case; dates compare as YYYYMMDD
// integers, so `before:2025` means before 1 Jan 2025 and `after:2024-06` means from 1 June
// 2024 on; items with no publication date pass no date filter. Invalid values are dropped
// with a notice rather than silently matching nothing.

import { ITEM_KINDS } from '../core/item-kinds';
import { tagKey } from '../core/same-tag';
import {
  dateKeyOf,
  FLAG_ARCHIVED,
  FLAG_FAVOURITE,
  FLAG_HIGHLIGHTS,
  FLAG_NOTES,
  FLAG_UNREAD,
  type ItemTable,
} from './item-table';
import { fold } from './facets';
import type { Filter } from './query-parser';
import { SEARCH_SORTS, type SearchSort } from './request-bounds';

export type ItemPredicate = (no: number) => boolean;

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The order a `sort:` in the query asks for, if any (the last one wins). */
export function sortOf(filters: Filter[], notices: string[]): SearchSort | null {
  let sort: SearchSort | null = null;
  for (const f of filters) {
    if (f.key !== 'sort') continue;
    const v = fold(f.value);
    if ((SEARCH_SORTS as readonly string[]).includes(v)) sort = v as SearchSort;
    else notices.push(`sort:${f.value} is not an order (${SEARCH_SORTS.join(', ')}) and was ignored.`);
  }
  return sort;
}

export function compileFilters(filters: Filter[], table: ItemTable, notices: string[]): ItemPredicate | null {
  const tests: ItemPredicate[] = [];
  for (const f of filters) {
    if (f.key === 'sort') continue; // an order, not a filter (see sortOf)
    const t = compileOne(f, table, notices);
    if (t) tests.push(f.negate ? (no) => !t(no) : t);
  }
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0];
  return (no) => {
    for (const t of tests) if (!t(no)) return false;
    return true;
  };
}

function compileOne(f: Filter, table: ItemTable, notices: string[]): ItemPredicate | null {
  const v = fold(f.value);
  if (!v) {
    notices.push(`The filter ${f.key}: has no value and was ignored.`);
    return null;
  }
  const { dicts } = table;
  switch (f.key) {
    case 'tag': {
      const id = dicts.tags.find(tagKey(f.value));
      return id < 0 ? () => false : (no) => table.hasTag(no, id);
    }
    case 'source': {
      const id = dicts.sources.find(v);
      return id < 0 ? () => false : (no) => table.sourceOf(no) === id;
    }
    case 'kind': {
      if (!(ITEM_KINDS as readonly string[]).includes(v)) {
        notices.push(`kind:${f.value} is not a kind of item (${ITEM_KINDS.join(', ')}) and was ignored.`);
        return null;
      }
      const id = dicts.kinds.find(v);
      return id < 0 ? () => false : (no) => table.kindOf(no) === id;
    }
    case 'before':
    case 'after': {
      if (!DATE.test(v)) {
        notices.push(`${f.key}:${f.value} is not a date (YYYY, YYYY-MM or YYYY-MM-DD) and was ignored.`);
        return null;
      }
      const k = dateKeyOf(v);
      // Undated items (key 0) pass neither: nothing says when they were written.
      return f.key === 'before'
        ? (no) => table.dateKey[no] > 0 && table.dateKey[no] < k
        : (no) => table.dateKey[no] >= k;
    }
    case 'year': {
      if (!/^\d{4}$/.test(v)) {
        notices.push(`year:${f.value} is not a year and was ignored.`);
        return null;
      }
      const lo = Number(v) * 10000;
      return (no) => table.dateKey[no] >= lo && table.dateKey[no] < lo + 10000;
    }
    case 'has':
      if (v === 'notes' || v === 'note') return (no) => (table.flags[no] & FLAG_NOTES) !== 0;
      if (v === 'highlights' || v === 'highlight') return (no) => (table.flags[no] & FLAG_HIGHLIGHTS) !== 0;
      notices.push(`has:${f.value} is not known (use has:notes or has:highlights) and was ignored.`);
      return null;
    case 'is': {
      const flag =
        (bit: number, set: boolean): ItemPredicate =>
        (no) =>
          ((table.flags[no] & bit) !== 0) === set;
      if (v === 'unread') return flag(FLAG_UNREAD, true);
      if (v === 'read') return flag(FLAG_UNREAD, false);
      if (v === 'archived') return flag(FLAG_ARCHIVED, true);
      if (v === 'inbox') return flag(FLAG_ARCHIVED, false);
      if (v === 'favourite' || v === 'favorite' || v === 'starred') return flag(FLAG_FAVOURITE, true);
      notices.push(
        `is:${f.value} is not known (use is:unread, is:read, is:inbox, is:archived or is:favourite) and was ignored.`,
      );
      return null;
    }
    case 'sort':
      return null;
  }
}
