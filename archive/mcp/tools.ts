// The MCP tools: each one's arguments are a schema built from the contract's own field
// schemas (so an MCP client is held to exactly what every other host is), and each runs
// through contract calls. Read tools always exist; write tools only with --allow-writes.

import { z } from 'zod';
import { ItemId, SearchRequest } from '../api/schemas';
import { contract } from '../api/contract';
import type { ItemView, SearchResult, RelatedHit, TagCount, Outcome } from '../api/types';
import type { Call } from './archive-caller';

/** A failed call, or a value; a tool turns the first into an MCP tool error. */
export type ToolResult = Outcome<unknown>;

export interface Tool {
  name: string;
  description: string;
  args: z.ZodType;
  writes: boolean;
  // Each tool's run takes what its own schema parsed: no one type covers them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(call: Call, args: any): Promise<ToolResult>;
}

const linkArgs = contract['relations.link'].args;
const noteArgs = contract['notes.create'].args;

/** What a search hit tells an assistant: enough to decide which item to read. */
function hit(h: SearchResult['hits'][number]) {
  return {
    id: h.id,
    title: h.title,
    kind: h.kind,
    source: h.source,
    date: h.published,
    tags: h.tags,
    snippet: h.snippet,
  };
}

function documentOf(v: ItemView, text: string) {
  return {
    id: v.id,
    kind: v.kind,
    title: v.title,
    byline: v.byline,
    source: v.source,
    url: v.url,
    published: v.published,
    added: v.added,
    language: v.language,
    tags: v.tags,
    wordCount: v.wordCount,
    notes: v.notes.map((n) => ({ id: n.id, text: n.text, created: n.created })),
    highlights: v.highlights.map((h) => ({ id: h.id, quote: h.quote, comment: h.comment })),
    related: v.related.map((r) => ({ id: r.id, title: r.title, label: r.label })),
    text,
  };
}

/** An item as get_item returns it: metadata, plain text, notes, highlights, links. */
export type ItemDocument = ReturnType<typeof documentOf>;

export async function itemDocument(call: Call, id: string): Promise<Outcome<ItemDocument>> {
  const view = (await call('items.get', { id })) as Outcome<ItemView>;
  if (!view.ok) return view;
  const content = (await call('items.content', { id })) as Outcome<{ text: string }>;
  if (!content.ok) return content;
  return { ok: true, value: documentOf(view.value, content.value.text) };
}

export const TOOLS: Tool[] = [
  {
    name: 'search',
    description:
      'Full-text search of the Dossier archive. The query uses Dossier\'s syntax: words, "quoted phrases", +must -not, title:word, prefix*, fuzzy~1, and filters tag:name, source:name, kind:article|note|bookmark, before:YYYY-MM-DD, after:YYYY-MM, year:YYYY, has:notes, has:highlights, is:unread. Returns hits with id, title, source, date, tags and a snippet.',
    args: z.object({ query: SearchRequest.shape.q, limit: SearchRequest.shape.limit }).strict(),
    writes: false,
    async run(call, { query, limit }) {
      const out = (await call('search.query', { q: query, limit: limit ?? 10 })) as Outcome<SearchResult>;
      if (!out.ok) return out;
      return {
        ok: true,
        value: {
          total: out.value.total,
          hits: out.value.hits.map(hit),
          ...(out.value.parsedAs === 'plain'
            ? { note: 'The query could not be parsed and was searched as plain words.' }
            : {}),
        },
      };
    },
  },
  {
    name: 'get_item',
    description:
      'One item of the archive by id: its metadata, full plain text, notes, highlights and the items it is linked to.',
    args: z.object({ id: ItemId }).strict(),
    writes: false,
    run: (call, { id }) => itemDocument(call, id),
  },
  {
    name: 'related',
    description:
      'Items related to one item: those the reader linked to it, and suggestions that share its most distinctive terms.',
    args: z.object({ id: ItemId, limit: contract['search.related'].args.shape.limit }).strict(),
    writes: false,
    async run(call, { id, limit }) {
      const view = (await call('items.get', { id })) as Outcome<ItemView>;
      if (!view.ok) return view;
      const suggestions = (await call('search.related', { id, limit: limit ?? 8 })) as Outcome<{
        suggestions: RelatedHit[];
      }>;
      if (!suggestions.ok) return suggestions;
      return {
        ok: true,
        value: {
          linked: view.value.related.map((r) => ({ id: r.id, title: r.title, label: r.label })),
          suggestions: suggestions.value.suggestions.map((s) => ({ id: s.id, title: s.title, sharedTerms: s.terms })),
        },
      };
    },
  },
  {
    name: 'list_tags',
    description: 'Every tag in the archive with how many items carry it.',
    args: z.object({}).strict(),
    writes: false,
    async run(call) {
      const out = (await call('tags.list', {})) as Outcome<{ tags: TagCount[] }>;
      return out.ok
        ? { ok: true, value: { tags: out.value.tags.map((t) => ({ name: t.name, count: t.count })) } }
        : out;
    },
  },
  {
    name: 'add_tags',
    description: "Adds tags to an item (tags it already has are left as they are). Returns the item's tags.",
    args: contract['tags.add'].args,
    writes: true,
    async run(call, args) {
      const out = (await call('tags.add', args)) as Outcome<ItemView>;
      return out.ok ? { ok: true, value: { id: out.value.id, tags: out.value.tags } } : out;
    },
  },
  {
    name: 'add_note',
    description: "Adds a note (Markdown) to an item. Returns the item's notes.",
    args: z.object({ id: noteArgs.shape.itemId, text: noteArgs.shape.text }).strict(),
    writes: true,
    async run(call, { id, text }) {
      const out = (await call('notes.create', { itemId: id, text })) as Outcome<ItemView>;
      return out.ok
        ? { ok: true, value: { id: out.value.id, notes: out.value.notes.map((n) => ({ id: n.id, text: n.text })) } }
        : out;
    },
  },
  {
    name: 'link_items',
    description: "Links two items as related, with an optional label. Returns the first item's links.",
    args: z.object({ a: linkArgs.shape.a, b: linkArgs.shape.b, label: linkArgs.shape.label }).strict(),
    writes: true,
    async run(call, args) {
      const out = (await call('relations.link', args)) as Outcome<ItemView>;
      return out.ok
        ? {
            ok: true,
            value: {
              id: out.value.id,
              related: out.value.related.map((r) => ({ id: r.id, title: r.title, label: r.label })),
            },
          }
        : out;
    },
  },
];
