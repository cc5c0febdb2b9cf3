// Folds several segments into one, dropping items that were since edited or deleted. It
// works on the segments' arrays alone (no text is read or analysed again), so compaction
// costs a copy, and the result is what building those live items afresh would give.

import { F } from './fields';
import { docNorms } from './norms';
import { MAX_SEGMENT_DOCS, type Segment, type SegmentData, type StreamData } from './segment';

export function mergeSegments(parts: Segment[]): { data: SegmentData; stream: StreamData } {
  const newOrd: Int32Array[] = [];
  const ids: string[] = [];
  const stamps: string[] = [];
  const langList = [...new Set(parts.flatMap((p) => p.data.langList))].sort();
  const langs: number[] = [];
  for (const p of parts) {
    const map = new Int32Array(p.size).fill(-1);
    for (let d = 0; d < p.size; d++) {
      if (!p.alive[d]) continue;
      map[d] = ids.length;
      ids.push(p.ids[d]);
      stamps.push(p.stamps[d]);
      langs.push(langList.indexOf(p.languageOf(d)));
    }
    newOrd.push(map);
  }
  if (ids.length > MAX_SEGMENT_DOCS) throw new Error(`a segment holds at most ${MAX_SEGMENT_DOCS} items`);
  const all = new Set<string>();
  for (const p of parts) for (const t of p.terms) all.add(t);
  const terms = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map<string, number>();
  terms.forEach((t, i) => rankOf.set(t, i));
  const remap = parts.map((p) => Uint32Array.from(p.terms, (t) => rankOf.get(t)!));

  const counts = new Uint32Array(terms.length * F + 1);
  parts.forEach((p, pi) => {
    const map = newOrd[pi];
    for (let t = 0; t < p.terms.length; t++) {
      const r = remap[pi][t];
      for (let f = 0; f < F; f++) {
        const end = p.spans.end(t, f);
        for (let i = p.spans.start(t, f); i < end; i++) if (map[p.docs[i]] >= 0) counts[r * F + f]++;
      }
    }
  });
  const offsets = new Uint32Array(terms.length * F + 1);
  for (let k = 0, o = 0; k <= terms.length * F; k++) {
    offsets[k] = o;
    o += counts[k];
  }
  const total = offsets[terms.length * F];
  const docs = new Uint16Array(total);
  const tfs = new Uint8Array(total);
  const cursor = offsets.slice();
  // Parts are visited in order and their new ordinals ascend, so every posting list stays sorted.
  parts.forEach((p, pi) => {
    const map = newOrd[pi];
    for (let t = 0; t < p.terms.length; t++) {
      const r = remap[pi][t];
      for (let f = 0; f < F; f++) {
        const end = p.spans.end(t, f);
        for (let i = p.spans.start(t, f); i < end; i++) {
          const nd = map[p.docs[i]];
          if (nd < 0) continue;
          const c = cursor[r * F + f]++;
          docs[c] = nd;
          tfs[c] = p.tfs[i];
        }
      }
    }
  });

  const lengths = new Uint16Array(ids.length * F);
  parts.forEach((p, pi) => {
    for (let d = 0; d < p.size; d++) {
      const nd = newOrd[pi][d];
      if (nd >= 0) lengths.set(p.lengths.subarray(d * F, d * F + F), nd * F);
    }
  });

  // Positions: the same two passes (count, then fill in part order) over (term, item) pairs.
  const streams = parts.map((p) => p.stream());
  const pairCounts = new Uint32Array(terms.length);
  const posCounts = new Float64Array(terms.length);
  parts.forEach((p, pi) => {
    const s = streams[pi];
    const map = newOrd[pi];
    for (let t = 0; t < p.terms.length; t++) {
      const r = remap[pi][t];
      for (let i = s.termOffsets[t]; i < s.termOffsets[t + 1]; i++) {
        if (map[s.docs[i]] < 0) continue;
        pairCounts[r]++;
        posCounts[r] += s.starts[i + 1] - s.starts[i];
      }
    }
  });
  const termOffsets = new Uint32Array(terms.length + 1);
  const posBase = new Float64Array(terms.length + 1);
  for (let r = 0; r < terms.length; r++) {
    termOffsets[r + 1] = termOffsets[r] + pairCounts[r];
    posBase[r + 1] = posBase[r] + posCounts[r];
  }
  const pairTotal = termOffsets[terms.length];
  const pairDocs = new Uint16Array(pairTotal);
  const starts = new Uint32Array(pairTotal + 1);
  const positions = new Uint32Array(posBase[terms.length]);
  const pairCursor = termOffsets.slice();
  const posCursor = posBase.slice();
  parts.forEach((p, pi) => {
    const s = streams[pi];
    const map = newOrd[pi];
    for (let t = 0; t < p.terms.length; t++) {
      const r = remap[pi][t];
      for (let i = s.termOffsets[t]; i < s.termOffsets[t + 1]; i++) {
        const nd = map[s.docs[i]];
        if (nd < 0) continue;
        const k = pairCursor[r]++;
        pairDocs[k] = nd;
        starts[k] = posCursor[r];
        const list = s.positions.subarray(s.starts[i], s.starts[i + 1]);
        positions.set(list, posCursor[r]);
        posCursor[r] += list.length;
      }
    }
  });
  starts[pairTotal] = positions.length;
  const data = {
    ids,
    stamps,
    langList,
    docLang: Uint8Array.from(langs),
    terms: terms.join('\n'),
    offsets,
    docs,
    tfs,
    lengths,
  };
  return {
    data: { ...data, norms: docNorms(data) },
    stream: { termOffsets, docs: pairDocs, starts, positions },
  };
}
