// Suggests items like a given one by cosine similarity of their words (norms.ts) over title,
// body and tags, the item's whole distinctive vocabulary taken into account (up to the
// RELATED_TERMS best words), plus the tags the two share. Each suggestion carries the words
// it shares, one per stem, none a stop word in any language, spelt as the item spelt them.

import { analyzerFor, bareTerm, eachToken, languageOfTerm, SURFACE } from './analyzer';
import { type IndexableDoc } from './build';
import { lowerForm } from './normalize';
import { tagKey } from '../core/same-tag';
import { idfWeight, RELATED_FIELDS, tfWeight, vectorTerm } from './norms';
import { collectionStats } from './scorer';
import type { Segment } from './segment';
import { selectTop } from './top';
import type { RelatedHit, SearchMeta } from './types';

/** The item's best words that the query uses; past this, words add time, not precision. */
const RELATED_TERMS = 200;
/** What each tag the two items share adds to a cosine in [0, 1]. */
const TAG_BONUS = 0.05;
const REASONS = 8;
/** Postings read per call at most: keeps a call within a few milliseconds at 10,000 items. */
const POSTINGS_BUDGET = 120_000;

/** Common words that lunr's stop lists lack but explain no likeness. */
const WEAK: Record<string, string[]> = {
  en: [
    'also',
    'year',
    'years',
    'new',
    'one',
    'two',
    'three',
    'people',
    'time',
    'told',
    'make',
    'made',
    'take',
    'last',
    'first',
    'many',
    'much',
    'well',
    'back',
    'going',
    'way',
    'still',
    'however',
    'says',
    'like',
    'just',
    'would',
    'could',
    'week',
    'day',
    'mr',
    'mrs',
    'ms',
  ],
  fr: [
    'donner',
    'cas',
    'faire',
    'fait',
    'etre',
    'avoir',
    'plus',
    'tout',
    'tous',
    'toute',
    'toutes',
    'aussi',
    'selon',
    'entre',
    'apres',
    'avant',
    'depuis',
    'sans',
    'sous',
    'comme',
    'alors',
    'ainsi',
    'donc',
    'encore',
    'deja',
    'tres',
    'bien',
    'peu',
    'dont',
    'leur',
    'leurs',
    'cette',
    'cet',
    'ces',
    'celui',
    'celle',
    'ceux',
    'autre',
    'autres',
    'meme',
    'chaque',
    'plusieurs',
    'lors',
    'pendant',
    'notamment',
    'deux',
    'trois',
    'an',
    'ans',
    'annee',
    'jour',
    'fois',
    'cela',
    'ici',
    'chez',
    'vers',
    'contre',
    'dire',
    'dit',
    'peut',
    'doit',
    'faut',
    'part',
    'partir',
    'mettre',
    'voir',
    'aller',
    'etait',
    'sont',
    'sera',
    'ont',
    'avait',
    'quand',
    'mais',
    'dun',
    'dune',
    'lun',
    'lune',
  ],
  es: [
    'ser',
    'estar',
    'hacer',
    'tener',
    'mas',
    'todo',
    'todos',
    'tambien',
    'segun',
    'entre',
    'despues',
    'antes',
    'desde',
    'sin',
    'bajo',
    'como',
    'asi',
    'muy',
    'bien',
    'cada',
    'otro',
    'otros',
    'otra',
    'otras',
    'mismo',
    'dos',
    'tres',
    'ano',
    'anos',
    'dia',
    'vez',
    'veces',
    'puede',
    'dijo',
    'hace',
    'parte',
  ],
  de: [
    'sein',
    'haben',
    'werden',
    'mehr',
    'alle',
    'auch',
    'laut',
    'zwischen',
    'nach',
    'vor',
    'seit',
    'ohne',
    'unter',
    'wie',
    'sehr',
    'gut',
    'jeder',
    'andere',
    'anderen',
    'zwei',
    'drei',
    'jahr',
    'jahre',
    'jahren',
    'tag',
    'mal',
    'kann',
    'muss',
    'sagte',
    'gibt',
    'geht',
    'neue',
    'neuen',
  ],
  it: [
    'essere',
    'avere',
    'fare',
    'piu',
    'tutto',
    'tutti',
    'anche',
    'secondo',
    'tra',
    'dopo',
    'prima',
    'senza',
    'sotto',
    'come',
    'cosi',
    'molto',
    'bene',
    'ogni',
    'altro',
    'altri',
    'stesso',
    'due',
    'tre',
    'anno',
    'anni',
    'giorno',
    'volta',
    'puo',
    'detto',
  ],
};
const weak = new Map<string, Set<string>>();

/** Whether a word (folded) explains nothing: a stop word of the item's language or of
 *  English (its analyzer knows both), or a common word of any language in WEAK. */
function explainsNothing(word: string, language: string): boolean {
  if (word.length < 3 || /\d/.test(word)) return true;
  if (analyzerFor(language).isStop(word, word)) return true;
  for (const l of Object.keys(WEAK)) {
    let set = weak.get(l);
    if (!set) weak.set(l, (set = new Set(WEAK[l])));
    if (set.has(word)) return true;
  }
  return false;
}

interface Weighted {
  term: string;
  w: number;
  idf: number;
  /** Where the term is: segment and term ordinal. */
  at: Array<[Segment, number]>;
  /** Its postings in the related fields, over all segments. */
  postings: number;
}

/** Reusable per-slot arrays: related items are asked for on every item opened. */
let score = new Float64Array(0);
let acc = new Float64Array(0);
let touched = new Int32Array(0);

/** An item's term counts (title and tags count double), and the word each stem came from. */
function termCounts(
  doc: Pick<IndexableDoc, 'title' | 'body' | 'excerpt' | 'tags' | 'language'>,
  surface: Map<string, string> | null,
): Map<string, number> {
  const analyzer = analyzerFor(doc.language);
  const tf = new Map<string, number>();
  const texts: Array<[string, number]> = [
    [doc.title, RELATED_FIELDS[0][1]],
    [doc.body || doc.excerpt || '', RELATED_FIELDS[1][1]],
    [doc.tags.join(' \n '), RELATED_FIELDS[2][1]],
  ];
  for (const [text, w] of texts) {
    eachToken(text, analyzer, (kind, t, s, e) => {
      if (kind !== SURFACE || !vectorTerm(t)) return;
      tf.set(t, (tf.get(t) ?? 0) + w);
      if (surface && !surface.has(t)) surface.set(t, lowerForm(text.slice(s, e)));
    });
  }
  return tf;
}

/** Log-tf × idf weights of the counted terms that some other item has too, unit length. */
function weigh(tf: Map<string, number>, segments: Segment[], n: number): Weighted[] {
  const out: Weighted[] = [];
  let norm = 0;
  for (const [term, count] of tf) {
    let df = 0;
    let postings = 0;
    const at: Array<[Segment, number]> = [];
    for (const s of segments) {
      const o = s.find(term);
      if (o < 0) continue;
      at.push([s, o]);
      let most = 0;
      for (const [f] of RELATED_FIELDS) {
        const k = s.spans.count(o, f);
        most = Math.max(most, k);
        postings += k;
      }
      df += most;
    }
    // A word no other item has cannot relate this item to anything.
    if (df < 2) continue;
    const x = idfWeight(df, n);
    const w = tfWeight(count) * x;
    out.push({ term, w, idf: x, at, postings });
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const v of out) v.w /= norm;
  return out;
}

/** The query's words that fit the postings budget: the best words come first, and the
 *  budget leaves out only common words past it. */
function withinBudget(query: Weighted[]): Weighted[] {
  let budget = POSTINGS_BUDGET;
  let n = 0;
  for (const q of query) {
    if (budget <= 0) break;
    budget -= q.postings;
    n++;
  }
  return query.slice(0, n);
}

/** Adds the cosine of every item of one segment with the query into `score` (by slot, the
 *  segment's items starting at `base`), and pushes newly scored slots onto `slots`. */
function rankSegment(query: Weighted[], seg: Segment, base: number, slots: number[]): void {
  for (const q of query) {
    const at = q.at.find(([s]) => s === seg);
    if (!at) continue;
    const o: number = at[1];
    seg.loadPostings(o);
    let nt = 0;
    for (const [f, w] of RELATED_FIELDS) {
      for (let i = seg.spans.start(o, f), end = seg.spans.end(o, f); i < end; i++) {
        const d = seg.docs[i];
        if (acc[d] === 0) touched[nt++] = d;
        acc[d] += w * seg.tfs[i];
      }
    }
    for (let k = 0; k < nt; k++) {
      const d = touched[k];
      const slot = base + d;
      if (seg.alive[d]) {
        if (score[slot] === 0) slots.push(slot);
        score[slot] += (q.w * tfWeight(acc[d]) * q.idf) / seg.data.norms[d];
      }
      acc[d] = 0;
    }
  }
}

/**
 * The items most like `doc`. Between segments it awaits `pause()` when given, so that on a
 * large archive the call gives the thread back to other requests instead of holding it for
 * the whole ranking; the segments' objects stay valid meanwhile (they are never changed,
 * only their items' live flags), and slots are numbered here, not by the segments' `base`.
 * Calls must not overlap: the per-slot arrays are shared (the engine runs them in turn).
 */
export async function relatedTo(
  doc: IndexableDoc,
  segments: Segment[],
  metaOf: (id: string) => SearchMeta | undefined,
  exclude: Set<string>,
  limit: number,
  pause: (() => Promise<void>) | null = null,
): Promise<RelatedHit[]> {
  if (limit <= 0 || segments.length === 0) return [];
  const analyzer = analyzerFor(doc.language);
  const st = collectionStats(segments).get(analyzer.language);
  if (!st) return [];
  const bases: number[] = [];
  let total = 0;
  for (const s of segments) {
    bases.push(total);
    total += s.size;
  }
  if (score.length < total) {
    score = new Float64Array(total);
    acc = new Float64Array(total);
    touched = new Int32Array(total);
  }
  const surface = new Map<string, string>();
  const own = weigh(termCounts(doc, surface), segments, st.n).sort(byWeight);
  if (own.length === 0) return [];
  const segOf = (slot: number): number => {
    let i = 0;
    while (i + 1 < segments.length && slot >= bases[i + 1]) i++;
    return i;
  };
  const idOf = (slot: number): string => {
    const i = segOf(slot);
    return segments[i].ids[slot - bases[i]];
  };
  const best = (slots: number[], k: number): number[] => {
    // The best k not excluded are among the best k + |exclude| of all (the order is total),
    // so only those few are looked up, not every scored item.
    const top = selectTop(
      slots.length,
      k + exclude.size,
      (a, b) => score[slots[b]] - score[slots[a]] || slots[a] - slots[b],
    ).map((i) => slots[i]);
    return top.filter((s) => !exclude.has(idOf(s))).slice(0, k);
  };

  const query = withinBudget(own.slice(0, RELATED_TERMS));
  const slots: number[] = [];
  try {
    for (let i = 0; i < segments.length; i++) {
      if (pause && i > 0) await pause();
      rankSegment(query, segments[i], bases[i], slots);
    }
    // Shared tags lift the best candidates (looking up every candidate's tags costs more than
    // the whole ranking).
    const tagKeys = new Set(doc.tags.map(tagKey));
    let top = best(slots, tagKeys.size > 0 ? Math.max(limit * 5, 50) : limit);
    if (tagKeys.size > 0) {
      for (const slot of top) {
        const meta = metaOf(idOf(slot));
        if (meta) for (const t of meta.tags) if (tagKeys.has(tagKey(t))) score[slot] += TAG_BONUS;
      }
      top = best(top, limit);
    }
    return top.map((slot) => {
      const i = segOf(slot);
      const seg = segments[i];
      const d = slot - bases[i];
      return {
        id: seg.ids[d],
        title: metaOf(seg.ids[d])?.title ?? '',
        score: Math.round(score[slot] * 1e4) / 1e4,
        terms: reasons(own, surface, seg, d),
      };
    });
  } finally {
    for (const s of slots) score[s] = 0;
  }
}

const byWeight = (a: Weighted, b: Weighted) => b.w - a.w || (a.term < b.term ? -1 : 1);

/** The item's own best words the suggestion has too, one per stem, none a stop word. */
function reasons(own: Weighted[], surface: Map<string, string>, seg: Segment, d: number): string[] {
  const shared: string[] = [];
  const stems = new Set<string>();
  for (const q of own) {
    if (shared.length >= REASONS) break;
    const bare = bareTerm(q.term);
    const word = surface.get(q.term) ?? bare;
    const language = languageOfTerm(q.term);
    if (explainsNothing(bare, language) || explainsNothing(word, language)) continue;
    const stem = analyzerFor(language).stem(bare);
    if (stems.has(stem)) continue;
    const o = q.at.find(([s]) => s === seg)?.[1];
    if (o === undefined || !RELATED_FIELDS.some(([f]) => seg.has(o, f, d))) continue;
    stems.add(stem);
    shared.push(word);
  }
  return shared;
}
