// Many items' metadata in columns, as the index catalog keeps it on disk: the engine adopts
// them with a few loops over typed arrays instead of an object per item, and makes an
// item's SearchMeta only when a query shows it. Each column holds one value per item.

import type { SearchMeta } from './types';

/** A column of few distinct values: the values, and each item's index into them (-1: none). */
export interface CodedColumn {
  values: readonly string[];
  codes: Int32Array;
}

export interface ItemColumns {
  readonly count: number;
  id(i: number): string;
  stamp(i: number): string;
  /** When item i was added (an ISO date and time). */
  added(i: number): string;
  kind: CodedColumn;
  language: CodedColumn;
  source: CodedColumn;
  published: CodedColumn;
  /** Item i's tags are tags.values[tags.codes[tags.starts[i] .. tags.starts[i + 1])]. */
  tags: { values: readonly string[]; starts: Uint32Array; codes: Int32Array };
  /** FLAG_* bits (item-table.ts) per item. */
  flags: Uint8Array;
  /** Item i's whole metadata, made when it is asked for. */
  meta(i: number): SearchMeta;
  /** Where the items stood in the index's stored segments when the columns were saved. */
  placement: Placement | null;
}

/**
 * For each stored segment (by file name), the item at each of its ordinals, as an index
 * into the columns (-1: none live there). True only of the manifest whose bytes have
 * `manifestCrc` as their checksum; with it, an opening engine knows which copy of each
 * item is live without comparing ids and stamps.
 */
export interface Placement {
  manifestCrc: number;
  segments: Map<string, Int32Array>;
}

export function isItemColumns(metas: SearchMeta[] | ItemColumns): metas is ItemColumns {
  return !Array.isArray(metas);
}
