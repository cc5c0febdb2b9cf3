// Analyses items into per-field term frequencies and builds an immutable segment from them.
// The same code runs in the engine (delta segments) and in the worker (bulk builds), so a
// segment holds the same terms and frequencies however it was built.

import { analyzerFor, eachToken, POSITIONED, STEM } from './analyzer';
import { F, STREAM_FIELDS } from './fields';
import { docNorms } from './norms';
import { MAX_SEGMENT_DOCS, type SegmentData, type StreamData } from './segment';
import type { SearchDoc, SearchMeta } from './types';

/** What the builder needs of an item: its indexed text and its stamp. */
export type IndexableDoc = Pick<SearchDoc, 'id' | 'language' | 'title' | 'body' | 'tags' | 'source' | 'byline' | 'notes' | 'url' | 'excerpt'> &
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

export function analyse(doc: IndexableDoc): AnalysedDoc {
  const analyzer = analyzerFor(doc.language);
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
export function buildSegment(docs: AnalysedDoc[]): { data: SegmentData; stream: StreamData } {
  if (docs.length > MAX_SEGMENT_DOCS) throw new Error(`a segment holds at most ${MAX_SEGMENT_DOCS} items`);
  const termIds = new Map<string, number>();
  const termList: string[] = [];
  // postings[f][localTermId] = [doc, tf, doc, tf, ...], docs ascending because docs are visited in order.
  const postings: number[][][] = Array.from({ length: F }, () => []);
  const lengths = new Uint16Array(docs.length * F);
  // positions[localTermId] = [doc, n, p1 .. pn, doc, n, ...], docs ascending: one flat
  // array per term, appended to as the words go by, rather than one array per (term, item).
  const positions: number[][] = [];
  let lastDoc = new Int32Array(1024).fill(-1);
  let countAt = new Int32Array(1024);
  let positionCount = 0;
  let pairCount = 0;
  const idOf = (t: string): number => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = termList.length;
      termIds.set(t, id);
      termList.push(t);
      for (let f = 0; f < F; f++) postings[f].push([]);
      positions.push([]);
      if (id >= lastDoc.length) {
        const l = new Int32Array(lastDoc.length * 2).fill(-1);
        l.set(lastDoc);
        lastDoc = l;
        const c = new Int32Array(countAt.length * 2);
        c.set(countAt);
        countAt = c;
      }
    }
    return id;
  };
  docs.forEach((d, ord) => {
    for (let f = 0; f < F; f++) {
      lengths[ord * F + f] = Math.min(d.lengths[f], 0xffff);
      for (const [t, tf] of d.fields[f]) postings[f][idOf(t)].push(ord, Math.min(tf, 255));
    }
    const stream = d.streamTerms;
    for (let k = 0; k < stream.length; k++) {
      const t = stream[k];
      const p = d.streamPos[k];
      const id = idOf(t);
      const list = positions[id];
      if (lastDoc[id] !== ord) {
        lastDoc[id] = ord;
        countAt[id] = list.length + 1;
        list.push(ord, 0);
        pairCount++;
      }
      list[countAt[id]]++;
      list.push(p);
      positionCount++;
    }
  });

  const order = termList.map((_, i) => i).sort((a, b) => (termList[a] < termList[b] ? -1 : termList[a] > termList[b] ? 1 : 0));
  let total = 0;
  for (let f = 0; f < F; f++) for (const p of postings[f]) total += p.length / 2;
  const offsets = new Uint32Array(termList.length * F + 1);
  const docArr = new Uint16Array(total);
  const tfArr = new Uint8Array(total);
  let o = 0;
  order.forEach((local, r) => {
    for (let f = 0; f < F; f++) {
      offsets[r * F + f] = o;
      const p = postings[f][local];
      for (let i = 0; i < p.length; i += 2) {
        docArr[o] = p[i];
        tfArr[o++] = p[i + 1];
      }
    }
  });
  offsets[termList.length * F] = o;
  const termOffsets = new Uint32Array(termList.length + 1);
  const pairDocs = new Uint16Array(pairCount);
  const starts = new Uint32Array(pairCount + 1);
  const flat = new Uint32Array(positionCount);
  let pair = 0;
  let pos = 0;
  order.forEach((local, r) => {
    termOffsets[r] = pair;
    const list = positions[local];
    for (let i = 0; i < list.length; ) {
      pairDocs[pair] = list[i];
      starts[pair++] = pos;
      const n = list[i + 1];
      for (let j = 0; j < n; j++) flat[pos++] = list[i + 2 + j];
      i += 2 + n;
    }
  });
  termOffsets[termList.length] = pair;
  starts[pairCount] = pos;
  const langList = [...new Set(docs.map((d) => d.language))].sort();
  const data = {
    ids: docs.map((d) => d.id),
    stamps: docs.map((d) => d.stamp),
    langList,
    docLang: Uint8Array.from(docs, (d) => langList.indexOf(d.language)),
    terms: order.map((i) => termList[i]).join('\n'),
    offsets,
    docs: docArr,
    tfs: tfArr,
    lengths,
  };
  return {
    data: { ...data, norms: docNorms(data) },
    stream: { termOffsets, docs: pairDocs, starts, positions: flat },
  };
}
