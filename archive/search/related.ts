// Suggests items like a given one by cosine similarity of log-tf × idf vectors over title,
// body and tags, the item's whole distinctive vocabulary taken into account (capped at the
// RELATED_TERMS best words), plus the tags the two share. Each suggestion carries the words
// it shares, one per stem, none a stop word in any language, spelt as the item spelt them.

import { analyzerFor, bareTerm, eachToken, STEM } from './analyzer';
import { type IndexableDoc } from './build';
import { F } from './fields';
import { idf } from './idf';
import { lowerForm } from './normalize';
import { RELATED_FIELDS, tfWeight } from './norms';
import { collectionStats } from './scorer';
import type { Segment } from './segment';
import { selectTop } from './top';
import type { RelatedHit, SearchMeta } from './types';

/** The item's best words that the query uses; past this, words add time, not precision. */
const RELATED_TERMS = 150;
/** What each tag the two items share adds to a cosine in [0, 1]. */
const TAG_BONUS = 0.05;
const REASONS = 8;

/** Common words that lunr's stop lists lack but explain no likeness. */
const WEAK: Record<string, string[]> = {
  en: ['also', 'year', 'years', 'new', 'one', 'two', 'three', 'people', 'time', 'told', 'make', 'made', 'take', 'last', 'first', 'many', 'much', 'well', 'back', 'going', 'way', 'still', 'however', 'says', 'like', 'just', 'would', 'could', 'week', 'day', 'mr', 'mrs', 'ms'],
  fr: ['donner', 'cas', 'faire', 'fait', 'etre', 'avoir', 'plus', 'tout', 'tous', 'toute', 'toutes', 'aussi', 'selon', 'entre', 'apres', 'avant', 'depuis', 'sans', 'sous', 'comme', 'alors', 'ainsi', 'donc', 'encore', 'deja', 'tres', 'bien', 'peu', 'dont', 'leur', 'leurs', 'cette', 'cet', 'ces', 'celui', 'celle', 'ceux', 'autre', 'autres', 'meme', 'chaque', 'plusieurs', 'lors', 'pendant', 'notamment', 'deux', 'trois', 'an', 'ans', 'annee', 'jour', 'fois', 'cela', 'ici', 'chez', 'vers', 'contre', 'dire', 'dit', 'peut', 'doit', 'faut', 'part', 'partir', 'mettre', 'voir', 'aller', 'etait', 'sont', 'sera', 'ont', 'avait', 'quand', 'mais', 'dun', 'dune', 'lun', 'lune'],
  es: ['ser', 'estar', 'hacer', 'tener', 'mas', 'todo', 'todos', 'tambien', 'segun', 'entre', 'despues', 'antes', 'desde', 'sin', 'bajo', 'como', 'asi', 'muy', 'bien', 'cada', 'otro', 'otros', 'otra', 'otras', 'mismo', 'dos', 'tres', 'ano', 'anos', 'dia', 'vez', 'veces', 'puede', 'dijo', 'hace', 'parte'],
  de: ['sein', 'haben', 'werden', 'mehr', 'alle', 'auch', 'laut', 'zwischen', 'nach', 'vor', 'seit', 'ohne', 'unter', 'wie', 'sehr', 'gut', 'jeder', 'andere', 'anderen', 'zwei', 'drei', 'jahr', 'jahre', 'jahren', 'tag', 'mal', 'kann', 'muss', 'sagte', 'gibt', 'geht', 'neue', 'neuen'],
  it: ['essere', 'avere', 'fare', 'piu', 'tutto', 'tutti', 'anche', 'secondo', 'tra', 'dopo', 'prima', 'senza', 'sotto', 'come', 'cosi', 'molto', 'bene', 'ogni', 'altro', 'altri', 'stesso', 'due', 'tre', 'anno', 'anni', 'giorno', 'volta', 'puo', 'detto'],
};
const weak = new Map<string, Set<string>>();

/** Whether a word (folded) explains nothing: a stop word of any language, or too common. */
function explainsNothing(word: string): boolean {
  if (word.length < 3 || /\d/.test(word)) return true;
  for (const l of Object.keys(WEAK)) {
    let set = weak.get(l);
    if (!set) weak.set(l, (set = new Set(WEAK[l])));
    if (set.has(word)) return true;
    if (analyzerFor(l).isStop(word, word)) return true;
  }
  return false;
}

export function relatedTo(
  doc: IndexableDoc,
  segments: Segment[],
  metaOf: (id: string) => SearchMeta | undefined,
  exclude: Set<string>,
  limit: number,
): RelatedHit[] {
  if (limit <= 0 || segments.length === 0) return [];
  const analyzer = analyzerFor(doc.language);
  const st = collectionStats(segments).get(analyzer.language);
  if (!st) return [];
  // The item's own vector, from its text (its stems; stop words and extra forms left out).
  const tf = new Map<string, number>();
  const surface = new Map<string, string>();
  const texts: Array<[string, number]> = [
    [doc.title, 2],
    [doc.body || doc.excerpt || '', 1],
    [doc.tags.join(' \n '), 2],
  ];
  for (const [text, w] of texts) {
    eachToken(text, analyzer, (kind, t, s, e) => {
      if (kind !== STEM) return;
      tf.set(t, (tf.get(t) ?? 0) + w);
      if (!surface.has(t)) surface.set(t, lowerForm(text.slice(s, e)));
    });
  }
  const vector: Array<{ term: string; w: number; idf: number }> = [];
  for (const [term, count] of tf) {
    let df = 0;
    for (const s of segments) {
      const o = s.find(term);
      if (o < 0) continue;
      let most = 0;
      for (const [f] of RELATED_FIELDS) most = Math.max(most, s.offsets[o * F + f + 1] - s.offsets[o * F + f]);
      df += most;
    }
    // A word no other item has cannot relate this item to anything.
    if (df < 2) continue;
    const x = idf(df, st.n);
    vector.push({ term, w: tfWeight(count) * x, idf: x });
  }
  vector.sort((a, b) => b.w - a.w || (a.term < b.term ? -1 : 1));
  const query = vector.slice(0, RELATED_TERMS);
  if (query.length === 0) return [];

  let total = 0;
  for (const s of segments) {
    s.base = total;
    total += s.size;
  }
  const score = new Float64Array(total);
  const acc = new Float64Array(total);
  const touched = new Int32Array(total);
  const hitAt: Array<Array<[Segment, number]>> = [];
  for (const q of query) {
    const at: Array<[Segment, number]> = [];
    for (const seg of segments) {
      const o = seg.find(q.term);
      if (o < 0) continue;
      at.push([seg, o]);
      let nt = 0;
      for (const [f, w] of RELATED_FIELDS) {
        for (let i = seg.offsets[o * F + f]; i < seg.offsets[o * F + f + 1]; i++) {
          const d = seg.docs[i];
          if (acc[d] === 0) touched[nt++] = d;
          acc[d] += w * seg.tfs[i];
        }
      }
      for (let k = 0; k < nt; k++) {
        const d = touched[k];
        if (seg.alive[d]) score[seg.base + d] += q.w * tfWeight(acc[d]) * q.idf;
        acc[d] = 0;
      }
    }
    hitAt.push(at);
  }
  const tagKeys = new Set(doc.tags.map((t) => lowerForm(t)));
  const candidates: number[] = [];
  const ids: string[] = [];
  for (const seg of segments) {
    for (let d = 0; d < seg.size; d++) {
      const slot = seg.base + d;
      if (score[slot] === 0 || !seg.alive[d] || exclude.has(seg.ids[d])) continue;
      let s = score[slot] / seg.data.norms[d];
      const meta = metaOf(seg.ids[d]);
      if (!meta) continue;
      for (const t of meta.tags) if (tagKeys.has(lowerForm(t))) s += TAG_BONUS * norm(query);
      score[slot] = s;
      candidates.push(slot);
      ids.push(seg.ids[d]);
    }
  }
  const top = selectTop(candidates.length, limit, (a, b) => score[candidates[b]] - score[candidates[a]] || (ids[a] < ids[b] ? -1 : 1));
  const qn = norm(query);
  return top.map((i) => {
    const slot = candidates[i];
    const seg = segments.find((s) => slot >= s.base && slot < s.base + s.size)!;
    const d = slot - seg.base;
    const shared: string[] = [];
    const seen = new Set<string>();
    query.forEach((q, k) => {
      if (shared.length >= REASONS) return;
      const word = surface.get(q.term) ?? bareTerm(q.term);
      if (seen.has(q.term) || explainsNothing(bareTerm(q.term)) || explainsNothing(word)) return;
      const hit = hitAt[k].find(([s]) => s === seg);
      if (!hit || !RELATED_FIELDS.some(([f]) => seg.has(hit[1], f, d))) return;
      seen.add(q.term);
      shared.push(word);
    });
    return { id: seg.ids[d], title: metaOf(seg.ids[d])!.title, score: Math.round((score[slot] / qn) * 1e4) / 1e4, terms: shared };
  });
}

function norm(v: Array<{ w: number }>): number {
  let s = 0;
  for (const x of v) s += x.w * x.w;
  return Math.sqrt(s) || 1;
}
