// Sample export entries for the exporter tests: three related items with highlights,
// comments and notes, including the awkward cases (quotes, colons, commas, line breaks).

import type { Highlight, Item, Note } from '../core/model';
import type { ExportEntry } from './export-types';

export const EXPORTED = '2026-11-27T10:00:00.000Z';

export function item(id: string, title: string, extra: Partial<Item> = {}): Item {
  return {
    id,
    kind: 'article',
    title,
    byline: null,
    source: 'MENAFN',
    url: `https://news.example.com/${id}`,
    published: '2024-10-06',
    added: '2026-11-01T09:00:00.000Z',
    updated: '2026-11-01T09:00:00.000Z',
    language: 'en',
    excerpt: '',
    wordCount: 100,
    tags: ['energy', 'policy'],
    readAt: null,
    archivedAt: null,
    favourite: false,
    progress: 0,
    content: { html: true, text: true },
    assets: [],
    textHash: null,
    ...extra,
  };
}

export function highlight(id: string, itemId: string, start: number, quote: string, comment: string | null): Highlight {
  return {
    id,
    itemId,
    quote,
    start,
    end: start + quote.length,
    comment,
    color: null,
    created: '2026-11-02T09:00:00.000Z',
    updated: '2026-11-02T09:00:00.000Z',
  };
}

export function note(id: string, itemId: string, text: string, created: string): Note {
  return { id, itemId, text, created, updated: created };
}

export function sampleEntries(): ExportEntry[] {
  return [
    {
      item: item('a000000000000001', 'Oil prices: what "OPEC+" decided, and why'),
      highlights: [
        highlight('h2', 'a000000000000001', 400, 'Second passage,\nover two lines.', 'A comment, with "quotes"'),
        highlight('h1', 'a000000000000001', 10, 'First passage.', null),
      ],
      notes: [
        note('n2', 'a000000000000001', 'Later note.', '2026-11-03T09:00:00.000Z'),
        note('n1', 'a000000000000001', '# My take\n\nEarlier note.', '2026-11-02T08:00:00.000Z'),
      ],
      related: [
        { id: 'b000000000000002', title: 'Gas [update]', label: 'follow-up' },
        { id: 'z000000000000009', title: 'Not exported', label: null },
      ],
    },
    {
      item: item('b000000000000002', 'Gas [update]', { url: null, source: null, published: null, tags: [] }),
      highlights: [],
      notes: [note('n3', 'b000000000000002', 'Only a note.', '2026-11-04T09:00:00.000Z')],
      related: [{ id: 'a000000000000001', title: 'Oil prices: what "OPEC+" decided, and why', label: 'follow-up' }],
    },
    {
      item: item('c000000000000003', 'CON'),
      highlights: [],
      notes: [],
      related: [],
    },
  ];
}
