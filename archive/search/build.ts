// Analyses items into per-field term frequencies and builds an immutable segment from them.
// The same code runs in the engine (delta segments) and in the worker (bulk builds), so a
// segment holds the same terms and frequencies however it was built.

import { analyzerFor, eachToken, POSITIONED, STEM, type Analyzer } from './analyzer';
import { F, STREAM_FIELDS } from './fields';
import { type SegmentData, type StreamData } from './segment';
import { SegmentBuilder } from './segment-builder';
import type { SearchDoc, SearchMeta } from './types';

/** What the builder needs of an item: its indexed text and its stamp. */
export type IndexableDoc = Pick<
  SearchDoc,
  'id' | 'language' | 'title' | 'body' | 'tags' | 'source' | 'byline' | 'notes' | 'url' | 'excerpt'
> &
  Pick<SearchMeta, 'stamp'>;

/** One item, analysed: per field, term → frequency, and the word sequence phrase positions come from. */
export interface AnalysedDoc {
  id: string;
  stamp: string;
  /** The analysis language (see analysisLanguage). */
  language: string;
  /** Per field, every index term (of every kind) → frequency. */
  fields: Array<Map<string, number>>;
  /** Per field, the number of scored words (stop words and extra forms do not count). */
  lengths: number[];
  /** Positioned terms of title, body and notes with their positions; each field starts two
   *  positions after the last, so that no phrase or proximity spans two fields. */
  streamTerms: string[];
  streamPos: number[];
}

/** The text of each field. A bookmark's address is searchable with its source, and an item
 *  with no body is searched by its description. */
export function fieldTexts(doc: IndexableDoc): string[] {
  const source = [doc.source ?? '', doc.url ?? ''].filter(Boolean).join(' \n ');
  const body = doc.body || doc.excerpt || '';
  return [doc.title, body, doc.tags.join(' \n '), source, doc.byline ?? '', doc.notes];
}

/** The item's terms, by field, and its stream of positioned terms; `analyzer` is the shared
 *  one for its language unless the caller brings its own (a pass analyzer). */
export function analyse(doc: IndexableDoc, analyzer: Analyzer = analyzerFor(doc.language)): AnalysedDoc {
  const texts = fieldTexts(doc);
  const fields: Array<Map<string, number>> = [];
  const lengths: number[] = [];
  const streamTerms: string[] = [];
  const streamPos: number[] = [];
  let base = 0;
  for (let f = 0; f < F; f++) {
    const tf = new Map<string, number>();
    let len = 0;
    const inStream = STREAM_FIELDS.includes(f);
    const used = eachToken(texts[f], analyzer, (kind, t, _s, _e, pos) => {
      if (inStream && POSITIONED[kind]) {
        streamTerms.push(t);
        streamPos.push(base + pos);
      }
      if (kind === STEM) len++;
      tf.set(t, (tf.get(t) ?? 0) + 1);
    });
    if (inStream) base += used + 2;
    fields.push(tf);
    lengths.push(len);
  }
  return { id: doc.id, stamp: doc.stamp, language: analyzer.language, fields, lengths, streamTerms, streamPos };
}

/** Builds one segment; `docs` must hold at most MAX_SEGMENT_DOCS items. */
export function buildSegment(docs: Iterable<AnalysedDoc>): { data: SegmentData; stream: StreamData } {
  const b = new SegmentBuilder();
  for (const d of docs) b.add(d);
  return b.finish();
}
