// Analyses items into per-field term frequencies and builds an immutable segment from them.
// The same code runs in the engine (delta segments) and in the worker (bulk builds), so a
// segment holds the same terms and frequencies however it was built.

import { analyzerFor, eachToken } from './analyzer';
import { F, STREAM_FIELDS } from './fields';
import { BREAK, MAX_SEGMENT_DOCS, SKIP, type SegmentData, type StreamData } from './segment';

/** What the builder needs of an item: its indexed text and its stamp. */
export interface IndexableDoc {
  id: string;
  stamp: string;
  language: string;
  title: string;
  body: string;
  tags: string[];
  source: string | null;
  byline: string | null;
  notes: string;
}

/** One item, analysed: per field, term → frequency, and the token stream phrases run on. */
export interface AnalysedDoc {
  id: string;
  stamp: string;
  fields: Array<Map<string, number>>;
  lengths: number[];
  /** Terms of title, body and notes in order; null for a dropped word, '' between fields. */
  stream: Array<string | null>;
}

export function fieldTexts(doc: IndexableDoc): string[] {
  return [doc.title, doc.body, doc.tags.join(' \n '), doc.source ?? '', doc.byline ?? '', doc.notes];
}

export function analyse(doc: IndexableDoc): AnalysedDoc {
  const analyzer = analyzerFor(doc.language);
  const texts = fieldTexts(doc);
  const fields: Array<Map<string, number>> = [];
  const lengths: number[] = [];
  const stream: Array<string | null> = [];
  for (let f = 0; f < F; f++) {
    const tf = new Map<string, number>();
    let len = 0;
    const inStream = STREAM_FIELDS.includes(f);
    if (inStream && stream.length > 0) stream.push('');
    eachToken(texts[f], analyzer, (t) => {
      if (inStream) stream.push(t);
      if (t === null) return;
      len++;
      tf.set(t, (tf.get(t) ?? 0) + 1);
    });
    fields.push(tf);
    lengths.push(len);
  }
  return { id: doc.id, stamp: doc.stamp, fields, lengths, stream };
}

/** Builds one segment; `docs` must hold at most MAX_SEGMENT_DOCS items. */
export function buildSegment(docs: AnalysedDoc[]): { data: SegmentData; stream: StreamData } {
  if (docs.length > MAX_SEGMENT_DOCS) throw new Error(`a segment holds at most ${MAX_SEGMENT_DOCS} items`);
  const termIds = new Map<string, number>();
  const termList: string[] = [];
  // postings[f][localTermId] = [doc, tf, doc, tf, ...], docs ascending because docs are visited in order.
  const postings: number[][][] = Array.from({ length: F }, () => []);
  const lengths = new Uint16Array(docs.length * F);
  let streamLen = 0;
  for (const d of docs) streamLen += d.stream.length;
  const streamLocal = new Int32Array(streamLen);
  const streamOffsets = new Uint32Array(docs.length + 1);
  const idOf = (t: string): number => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = termList.length;
      termIds.set(t, id);
      termList.push(t);
      for (let f = 0; f < F; f++) postings[f].push([]);
    }
    return id;
  };
  let sp = 0;
  docs.forEach((d, ord) => {
    for (let f = 0; f < F; f++) {
      lengths[ord * F + f] = Math.min(d.lengths[f], 0xffff);
      for (const [t, tf] of d.fields[f]) postings[f][idOf(t)].push(ord, Math.min(tf, 255));
    }
    streamOffsets[ord] = sp;
    for (const t of d.stream) streamLocal[sp++] = t === null ? -1 : t === '' ? -2 : idOf(t);
  });
  streamOffsets[docs.length] = sp;

  const order = termList.map((_, i) => i).sort((a, b) => (termList[a] < termList[b] ? -1 : termList[a] > termList[b] ? 1 : 0));
  const rank = new Uint32Array(termList.length);
  order.forEach((local, r) => (rank[local] = r));
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
  const tokens = new Uint32Array(streamLen);
  for (let i = 0; i < streamLen; i++) {
    const v = streamLocal[i];
    tokens[i] = v === -1 ? SKIP : v === -2 ? BREAK : rank[v];
  }
  return {
    data: {
      ids: docs.map((d) => d.id),
      stamps: docs.map((d) => d.stamp),
      terms: order.map((i) => termList[i]).join('\n'),
      offsets,
      docs: docArr,
      tfs: tfArr,
      lengths,
    },
    stream: { offsets: streamOffsets, tokens },
  };
}
