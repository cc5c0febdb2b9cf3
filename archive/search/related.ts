// Suggests items like a given one: its most distinctive terms (tf-idf against the whole
// index) become a weighted query, and each suggestion carries the terms it shares, shown
// as the words the item itself used, so the reader sees why it was suggested.

import { analyzerFor, eachToken } from './analyzer';
import { analyse, type IndexableDoc } from './build';
import { F, FIELD_INDEX } from './fields';
import type { TermClause } from './query-parser';
import { evaluate, idf } from './scorer';
import type { Segment } from './segment';
import type { RelatedHit, SearchMeta } from './types';

const TERMS = 12;
const FIELDS = [FIELD_INDEX.title, FIELD_INDEX.body, FIELD_INDEX.tags];

export function relatedTo(
  doc: IndexableDoc,
  segments: Segment[],
  metaOf: (id: string) => SearchMeta | undefined,
  exclude: Set<string>,
  limit: number,
): RelatedHit[] {
  if (limit <= 0) return [];
  const a = analyse(doc);
  const tf = new Map<string, number>();
  for (const f of FIELDS) {
    const weight = f === FIELD_INDEX.body ? 1 : 2;
    for (const [t, n] of a.fields[f]) tf.set(t, (tf.get(t) ?? 0) + n * weight);
  }
  let n = 0;
  for (const s of segments) n += s.size;
  const scored: Array<{ term: string; w: number }> = [];
  for (const [term, count] of tf) {
    // Numbers and amounts ("17.7m") are distinctive but explain nothing to a reader.
    if (term.length < 3 || /\d/.test(term)) continue;
    let df = 0;
    for (const s of segments) {
      const o = s.find(term);
      if (o < 0) continue;
      for (const f of FIELDS) df += s.offsets[o * F + f + 1] - s.offsets[o * F + f];
    }
    // A term no other item has cannot relate this item to anything.
    if (df < 2) continue;
    scored.push({ term, w: (1 + Math.log(count)) * idf(df, n) });
  }
  scored.sort((x, y) => y.w - x.w || (x.term < y.term ? -1 : 1));
  const top = scored.slice(0, TERMS);
  if (top.length === 0) return [];
  const max = top[0].w;
  const clauses: TermClause[] = top.map(({ term, w }) => ({
    kind: 'term',
    term,
    fields: FIELDS,
    presence: 'optional',
    boost: w / max,
    editDistance: 0,
    usePipeline: false,
  }));
  const ev = evaluate(segments, clauses, ['en']);
  const found: Array<{ slot: number; score: number }> = [];
  for (let i = 0; i < ev.count; i++) found.push({ slot: ev.slots![i], score: ev.scores[ev.slots![i]] });
  found.sort((x, y) => y.score - x.score);

  const surface = surfaceForms(doc);
  const out: RelatedHit[] = [];
  for (const { slot, score } of found) {
    const seg = segments.find((s) => slot >= s.base && slot < s.base + s.size)!;
    const ord = slot - seg.base;
    const id = seg.ids[ord];
    if (exclude.has(id)) continue;
    const meta = metaOf(id);
    if (!meta) continue;
    const shared: string[] = [];
    for (const { term } of top) {
      const o = seg.find(term);
      if (o >= 0 && FIELDS.some((f) => seg.has(o, f, ord))) shared.push(surface.get(term) ?? term);
    }
    out.push({ id, title: meta.title, score: Math.round(score * 1e4) / 1e4, terms: shared });
    if (out.length >= limit) break;
  }
  return out;
}

/** Index term → the first word of the item that produced it, lowercased. */
function surfaceForms(doc: IndexableDoc): Map<string, string> {
  const analyzer = analyzerFor(doc.language);
  const out = new Map<string, string>();
  for (const text of [doc.title, doc.tags.join(' '), doc.body]) {
    eachToken(text, analyzer, (t, s, e) => {
      if (t !== null && !out.has(t)) out.set(t, text.slice(s, e).toLowerCase().replace(/^\W+|\W+$/g, ''));
    });
  }
  return out;
}
