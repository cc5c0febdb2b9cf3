// The search engine's boundary: what the archive core feeds it and what a query returns.
// The core knows nothing of lunr; the engine knows nothing of lowdb. Results are plain
// JSON, so they cross the contract unchanged.

import type { ItemKind } from '../core/item-kinds';
import type { ItemColumns } from './item-columns';

/** Everything the engine needs to index and filter one item. */
export interface SearchDoc {
  id: string;
  kind: ItemKind;
  title: string;
  /** Plain text of the body. */
  body: string;
  tags: string[];
  source: string | null;
  byline: string | null;
  /** The text of the item's notes, highlight quotes and highlight comments, joined. */
  notes: string;
  /** The item's web address: searchable, and a bookmark's snippet. */
  url?: string | null;
  /** The item's description: searched and shown when it has no body (bookmarks). */
  excerpt?: string;
  published: string | null;
  added: string;
  language: string;
  hasNotes: boolean;
  hasHighlights: boolean;
  unread: boolean;
  /** Out of the inbox, in the archive (is:archived; is:inbox for the others). */
  archived?: boolean;
  favourite?: boolean;
}

export type { SearchRequest, SearchSort } from './request';
import type { SearchRequest } from './request';

/** A piece of text with the matched terms located by [start, end) offsets into `text`. */
export interface Snippet {
  text: string;
  marks: Array<[number, number]>;
}

export interface SearchHit {
  id: string;
  title: string;
  score: number;
  /** The first snippet's text, for plain consumers (the CLI). */
  snippet: string;
  snippets: Snippet[];
  tags: string[];
  published: string | null;
  source: string | null;
  kind: ItemKind;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
  facets: { tags: FacetCount[]; sources: FacetCount[]; kinds: FacetCount[]; years: FacetCount[] };
  /** 'plain' when lunr could not parse the query and it was searched as plain words. */
  parsedAs: 'query' | 'plain';
  /** A sentence for the user when the query was read differently from how it was typed. */
  notice: string | null;
}

export interface RelatedHit {
  id: string;
  title: string;
  score: number;
  /** The distinctive terms the two items share, which explain the suggestion. */
  terms: string[];
}

/** What the core knows of an item without reading its body; enough to filter and sort. */
export interface SearchMeta extends Omit<SearchDoc, 'body'> {
  /** Changes whenever anything indexed about the item changes (the item's `updated`). */
  stamp: string;
}

export interface StoredLayout {
  manifestCrc: number;
  segments: Array<{ name: string; ids: readonly string[]; alive: Uint8Array }>;
}

export interface SearchIndexOptions {
  /** The archive's index/ folder; created if missing. */
  dir: string;
  /** The archive's content/ folder: the body of item X is in `<contentDir>/X.txt`. */
  contentDir: string;
  /** Every item as the archive holds it now. The engine catches its persisted segments up
   *  to this (stale, missing or corrupt segments are rebuilt in the background). */
  metas: SearchMeta[] | ItemColumns;
  /** A read-only process (a CLI query while another process writes) persists nothing. */
  readOnly?: boolean;
  /** False for a process that answers one command and exits (the CLI): warming up the code
   *  for searches that will never come, or compacting the term spans of segments it is about
   *  to let go, would only hold up the one it runs. */
  warmUp?: boolean;
}

/**
 * The engine as the archive core uses it. `upsert` and `remove` are visible to the next
 * query at once; building, compacting and loading never block the caller's thread.
 */
export interface SearchIndex {
  /** `body` may be omitted: the engine then reads it from contentDir. A body given must be
   *  in contentDir already: the engine lets it go when many changes wait to be indexed. */
  upsert(doc: SearchMeta & { body?: string }): void;
  remove(id: string): void;
  query(req: SearchRequest): Promise<SearchResult>;
  related(id: string, opts: { exclude: string[]; limit: number }): Promise<RelatedHit[]>;
  /** Resolves once every change so far is persisted under dir. */
  flush(): Promise<void>;
  /** Resolves when no search or related-items ranking is under way (at once if none is):
   *  work that can wait, such as reading the rest of the archive, goes between them. */
  quiet(): Promise<void>;
  /** After close: the stored segments as the manifest with checksum `manifestCrc` names
   *  them, and which of each one's items are live; null when not everything was stored. */
  storedLayout(): StoredLayout | null;
  close(): Promise<void>;
}
