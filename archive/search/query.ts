// Answers one search request over the live segments: matches the parsed query (or lists
// every item when it has no words), filters, sorts and pages the matches, and adds snippets
// and facets. It changes no segment; only a damaged positions file can make it throw.
// Ranking is a series of short steps and snippets are made one hit at a time, so an answer
// given in turns never holds the thread much longer than SLICE_MS, even cold.

import { analyzerFor } from './analyzer';
import { compileFilters, sortOf } from './filters';
import type { ItemView } from './item-table';
import type { LiveItems } from './live-items';
import { SizedCache } from './sized-cache';
import { comparator, Matches } from './matches';
import { parseQuery, type Filter } from './query-parser';
import { drain, evaluate, evaluateInSteps } from './scorer';
import { Scratch } from './score-loops';
import { explainEmpty, readStopWords } from './explain';
import { proximityBoost } from './proximity';
import { correction } from './typo';
import type { Segment } from './segment';
import { leadSnippet, makeSnippet } from './snippets';
import { selectTop, selectTopByKey } from './top';
import type { SearchHit, SearchMeta, SearchRequest, SearchResult, Snippet } from './types';

const DEFAULT_LIMIT = 20;
/** About the longest a query holds the thread before giving it back between two steps.
 *  A full collection of a 50,000-item archive's heap pauses the thread 10–18 ms and may
 *  follow a step at once, so a step leaves room for it under the 20 ms a first use may
 *  stall: at 6 ms, 5 of 24 first uses at 50,000 items stalled 21–33 ms; at 3 ms, 3 stalled
 *  20–23 ms and the query mix's p95 did not move (2.00 ms). */
const SLICE_MS = 3;
/** Matches filtered between two steps, less one (a mask). */
const STEP_ITEMS = 4095;

/** Snippets of recent hits, by item version and the query's matched terms: typing re-runs
 *  a query on every keystroke over mostly the same hits. About this many bytes at most. */
const SNIPPET_CACHE_BYTES = 4 * 1024 * 1024;

/** Names a hit's snippets: the item-table number names this version of the item (any
 *  change gives a new one), the terms key the query's matched terms. */
const snippetKey = (view: ItemView, termsKey: string): string => `${view.no}\n${termsKey}`;

/** A ranked result whose page of hits (item versions and scores) is yet to be made. */
export interface Ranked {
  result: SearchResult;
  page: Array<{ view: ItemView; score: number }>;
  terms: Set<string>;
  termsKey: string;
}

export class QueryRunner {
  // Matches as parallel typed arrays of item numbers and scores, and the scorer's working
  // arrays, reused across queries: nothing proportional to the number of matches is allocated.
  private readonly scratch = new Scratch();
  private readonly matches = new Matches();
  private readonly snippets = new SizedCache<Snippet[]>(SNIPPET_CACHE_BYTES, (list) => {
    let w = 64;
    for (const s of list) w += 2 * s.text.length + 16 * s.marks.length + 32;
    return w;
  });

  constructor(
    private readonly items: LiveItems,
    /** An item's body, for snippets; must not throw. */
    private readonly body: (id: string) => string,
  ) {}

  /** `segs` are every live segment with their bases set. `indexNotices` (sentences about
   *  the index itself) are taken into this result, so each is said once. */
  run(req: SearchRequest, segs: Segment[], indexNotices: string[]): SearchResult {
    if (this.ranking) throw new Error('a search is being ranked in turns');
    const ranked = drain(this.rank(req, segs, indexNotices));
    return { ...ranked.result, hits: ranked.page.map((p) => this.hit(p.view, p.score, ranked.terms, ranked.termsKey)) };
  }

  /** A ranking under way: `run` and another ranking must wait for it (they share its arrays). */
  private ranking = false;

  /**
   * Matches, ranks and pages a query, giving the thread back whenever it has held it for
   * SLICE_MS. Until it resolves, the caller keeps `segs` (and their bases) as they are and
   * starts no other ranking on this runner.
   */
  async rankInTurns(req: SearchRequest, segs: Segment[], indexNotices: string[], turns: Turns): Promise<Ranked> {
    if (this.ranking) throw new Error('a search is being ranked in turns');
    this.ranking = true;
    try {
      const steps = this.rank(req, segs, indexNotices);
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
        if (turns.due()) await turns.next();
      }
    } finally {
      this.ranking = false;
    }
  }

  /** The ids of the ranked page's hits whose snippets are yet to be made (from their bodies). */
  unsnippeted(ranked: Ranked): string[] {
    return ranked.page
      .filter((p) => !this.snippets.has(snippetKey(p.view, ranked.termsKey)))
      .map((p) => p.view.meta.id);
  }

  /** The ranked page's hits with their snippets (which may read bodies from disk and analyse
   *  them), in as many turns as they take. A ranked result never changes; these turns read
   *  only its item versions and bodies, so other searches may be ranked meanwhile. */
  async pageInTurns(ranked: Ranked, turns: Turns): Promise<SearchResult> {
    const hits: SearchHit[] = [];
    for (const p of ranked.page) {
      if (turns.due()) await turns.next();
      hits.push(this.hit(p.view, p.score, ranked.terms, ranked.termsKey));
    }
    return { ...ranked.result, hits };
  }

  /** Matches, ranks and pages a query (with a spelling fix when nothing matched), leaving
   *  the page's hits to be made; in steps. */
  private *rank(req: SearchRequest, segs: Segment[], indexNotices: string[]): Generator<void, Ranked> {
    const q = typeof req.q === 'string' ? req.q : '';
    const first = yield* this.attempt(req, q, segs);
    let ranked = first.ranked;
    if (first.retry) {
      // Nothing found: try the words as they are most likely spelt.
      const fixed = this.corrected(q, first.words, segs);
      if (fixed) {
        const second = (yield* this.attempt(req, fixed, segs)).ranked;
        if (second.result.total > 0) {
          ranked = {
            ...second,
            result: {
              ...second.result,
              query: q,
              notice: [`No results for “${q.trim()}”. Showing results for “${fixed.trim()}”.`, second.result.notice]
                .filter(Boolean)
                .join(' '),
            },
          };
        }
      }
    }
    const notices = [...indexNotices.splice(0)];
    if (ranked.result.notice) notices.push(ranked.result.notice);
    return { ...ranked, result: { ...ranked.result, notice: notices.length ? notices.join(' ') : null } };
  }

  private corrected(q: string, words: string[], segs: Segment[]): string | null {
    let out = q;
    let changed = false;
    for (const w of words) {
      const c = correction(w, segs, this.items.languages());
      if (!c) continue;
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, 'u'), c);
      changed = true;
    }
    return changed ? out : null;
  }

  /** One run of a query text, in steps; `retry` when it found nothing and a spelling fix may help. */
  private *attempt(
    req: SearchRequest,
    q: string,
    segs: Segment[],
  ): Generator<void, { ranked: Ranked; retry: boolean; words: string[] }> {
    const parsed = parseQuery(q);
    const notices = [...parsed.notices];
    const languages = this.items.languages();
    const stopOnly = readStopWords(parsed, languages, notices);
    const tagFilters: Filter[] = (req.tags ?? []).map((t) => ({ key: 'tag', value: t, negate: false }));
    const filters = [...parsed.filters, ...tagFilters];
    const table = this.items.table;
    const keep = compileFilters(filters, table, notices);
    yield;

    let total = 0;
    for (const v of segs) total += v.size;
    const m = this.matches.reset(Math.max(total, this.items.size));
    const view = (no: number) => table.view(no);
    let terms = new Set<string>();
    let textMatches = -1;
    if (parsed.clauses.length === 0) {
      const live = this.items.nos();
      for (let i = 0; i < live.length; i++) {
        if (!keep || keep(live[i])) m.push(live[i], 0);
        if ((i & STEP_ITEMS) === STEP_ITEMS) yield;
      }
    } else {
      const ev = yield* evaluateInSteps(segs, parsed.clauses, languages, this.scratch, { stopWords: stopOnly });
      terms = ev.terms;
      for (const w of ev.truncated)
        notices.push(`“${w}” matches so many words that the items were found through the most common of them.`);
      if (ev.slots === null) {
        // Only exclusions: everything else matches.
        for (const seg of segs) {
          for (let d = 0; d < seg.size; d++) {
            const no = seg.nos[d];
            if (seg.alive[d] && !ev.banned[seg.base + d] && no >= 0 && (!keep || keep(no))) m.push(no, 0);
          }
        }
      } else {
        textMatches = ev.count;
        const { slots, scores } = ev;
        const out = m.nos;
        let kept = 0;
        // Slots ascend, so each segment's matches are one run, read with its arrays at hand;
        // each kept slot's item number goes beside it (the boost below changes scores only).
        for (let i = 0, si = 0; i < ev.count; si++) {
          const { base, nos } = segs[si];
          const end = base + nos.length;
          for (; i < ev.count && slots[i] < end; i++) {
            if ((i & STEP_ITEMS) === STEP_ITEMS) yield;
            const no = nos[slots[i] - base];
            if (no < 0 || (keep && !keep(no))) continue;
            slots[kept] = slots[i];
            out[kept++] = no;
          }
        }
        yield;
        proximityBoost(slots, kept, scores, segs, ev.sequence);
        // Scores equal to six digits are a tie, which the newer item wins.
        for (let i = 0; i < kept; i++) m.scores[i] = Math.round(scores[slots[i]] * 1e6) / 1e6;
        m.n = kept;
      }
    }
    if (m.n === 0)
      explainEmpty(
        parsed,
        filters,
        textMatches,
        notices,
        (f) => compileFilters([f], table, []),
        () => this.textMatchNos(segs, parsed, languages, stopOnly),
      );

    yield;
    const sort = sortOf(parsed.filters, notices) ?? req.sort ?? 'relevance';
    let noScores = true;
    for (let i = 0; i < m.n && noScores; i++) if (m.scores[i] !== 0) noScores = false;
    const offset = clampInt(req.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = clampInt(req.limit, DEFAULT_LIMIT, 0, 10_000);
    const order = noScores && sort === 'relevance' ? 'newest' : sort;
    const cmp = comparator(order, m.nos, m.scores, table);
    const page = (
      order === 'relevance'
        ? selectTopByKey(m.n, offset + limit, m.scores, null, cmp)
        : selectTop(m.n, offset + limit, cmp)
    ).slice(offset);
    const termsKey = [...terms].sort().join(' ');
    // Copied out of the reused match arrays: the hits may be made in later turns.
    const pageHits = page.map((i) => ({ view: view(m.nos[i]), score: m.scores[i] }));
    yield;
    const facets = table.facets(m.nos, m.n);
    const words = parsed.clauses.flatMap((c) =>
      c.kind === 'word' && c.presence !== 'prohibited' && c.prefix !== 'explicit' && c.editDistance === 0
        ? [c.text]
        : [],
    );
    return {
      ranked: {
        result: {
          query: q,
          total: m.n,
          hits: [],
          facets,
          parsedAs: parsed.parsedAs,
          notice: notices.length ? notices.join(' ') : null,
        },
        page: pageHits,
        terms,
        termsKey,
      },
      retry: m.n === 0 && textMatches === 0 && words.length > 0,
      words,
    };
  }

  /** The item numbers the query's words match, before filters (for explaining an empty result). */
  private textMatchNos(
    segs: Segment[],
    parsed: ReturnType<typeof parseQuery>,
    languages: string[],
    stopOnly: boolean,
  ): number[] {
    if (parsed.clauses.length === 0) return Array.from(this.items.nos());
    const ev = evaluate(segs, parsed.clauses, languages, this.scratch, { stopWords: stopOnly });
    const out: number[] = [];
    if (!ev.slots) return Array.from(this.items.nos());
    let si = 0;
    for (let i = 0; i < ev.count; i++) {
      const slot = ev.slots[i];
      while (slot >= segs[si].base + segs[si].size) si++;
      const no = segs[si].nos[slot - segs[si].base];
      if (no >= 0) out.push(no);
    }
    return out;
  }

  private hit(view: ItemView, score: number, terms: Set<string>, termsKey: string): SearchHit {
    const meta = view.meta;
    const key = snippetKey(view, termsKey);
    let snippets = this.snippets.get(key);
    if (!snippets) {
      // Frozen, so that results sharing them cannot change what a later result shows.
      snippets = this.makeSnippets(meta, terms).map((x) =>
        Object.freeze({ text: x.text, marks: Object.freeze(x.marks.map((m) => Object.freeze(m))) as Snippet['marks'] }),
      );
      this.snippets.set(key, snippets);
    }
    return {
      id: meta.id,
      title: meta.title,
      score: Math.round(score * 1e4) / 1e4,
      snippet: snippets[0].text,
      snippets: [...snippets],
      tags: [...meta.tags],
      published: meta.published,
      source: meta.source,
      kind: meta.kind,
    };
  }

  /** The snippets shown for a hit: the passages of body and notes where the terms cluster,
   *  or the opening of the text when they matched elsewhere. */
  private makeSnippets(meta: SearchMeta, terms: Set<string>): Snippet[] {
    // An item with no body (a bookmark) is shown by its description and address.
    const body = this.body(meta.id) || meta.excerpt || '';
    // Only an item with notes or highlights has notes text; for the rest it is not asked for
    // (a catalog item's long fields are a file read each time).
    const notes = meta.hasNotes || meta.hasHighlights ? meta.notes : '';
    const analyzer = analyzerFor(meta.language);
    const snippets: Snippet[] = [];
    if (terms.size > 0) {
      const b = makeSnippet(body, terms, analyzer);
      if (b) snippets.push(b);
      const n = makeSnippet(notes, terms, analyzer);
      if (n) snippets.push(n);
    }
    if (snippets.length === 0)
      snippets.push(leadSnippet(body || notes || [meta.url, meta.title].filter(Boolean).join(' — ')));
    return snippets;
  }
}

/** Gives the thread back (`next`) once it has been held for SLICE_MS since it last was. */
export class Turns {
  private since = performance.now();
  constructor(private readonly nextTurn: () => Promise<void>) {}

  due(): boolean {
    return performance.now() - this.since > SLICE_MS;
  }

  async next(): Promise<void> {
    await this.nextTurn();
    this.since = performance.now();
  }
}

/** The answer when a query could not be run at all. */
export function emptyResult(q: string): SearchResult {
  return {
    query: q,
    total: 0,
    hits: [],
    facets: { tags: [], sources: [], kinds: [], years: [] },
    parsedAs: 'query',
    notice: null,
  };
}

/** A caller's number as an integer within [min, max]; anything but a finite number gives `dflt`. */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function clampInt(v: unknown, dflt: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(Math.max(Math.floor(v), min), max);
}
