// Answers one search request over the live segments: matches the parsed query (or lists
// every item when it has no words), filters, sorts and pages the matches, and adds snippets
// and facets. It changes no segment; only a damaged positions file can make it throw.

import { analyzerFor } from './analyzer';
import { compileFilters, sortOf } from './filters';
import type { LiveItems } from './live-items';
import { comparator, Matches } from './matches';
import { parseQuery, type Filter } from './query-parser';
import { evaluate, Scratch } from './scorer';
import type { Segment } from './segment';
import { leadSnippet, makeSnippet } from './snippets';
import { selectTop } from './top';
import type { SearchHit, SearchMeta, SearchRequest, SearchResult, Snippet } from './types';

const DEFAULT_LIMIT = 20;

export class QueryRunner {
  // Matches as parallel typed arrays of item numbers and scores, and the scorer's working
  // arrays, reused across queries: nothing proportional to the number of matches is allocated.
  private readonly scratch = new Scratch();
  private readonly matches = new Matches();

  constructor(
    private readonly items: LiveItems,
    /** An item's body, for snippets; must not throw. */
    private readonly body: (id: string) => string,
  ) {}

  /** `segs` are every live segment with their bases set. `indexNotices` (sentences about
   *  the index itself) are taken into this result, so each is said once. */
  run(req: SearchRequest, segs: Segment[], indexNotices: string[]): SearchResult {
    const q = typeof req.q === 'string' ? req.q : '';
    const parsed = parseQuery(q);
    const notices = [...indexNotices.splice(0), ...parsed.notices];
    const tagFilters: Filter[] = (req.tags ?? []).map((t) => ({ key: 'tag', value: t, negate: false }));
    const table = this.items.table;
    const keep = compileFilters([...parsed.filters, ...tagFilters], table, notices);

    let total = 0;
    for (const v of segs) total += v.size;
    const m = this.matches.reset(Math.max(total, this.items.size));
    const views = table.views;
    let terms = new Set<string>();
    if (parsed.clauses.length === 0) {
      const live = this.items.nos();
      for (let i = 0; i < live.length; i++) if (!keep || keep(live[i])) m.push(live[i], 0);
    } else {
      const ev = evaluate(segs, parsed.clauses, this.items.languages(), this.scratch);
      terms = ev.terms;
      if (ev.slots === null) {
        // Only exclusions: everything else matches.
        for (const seg of segs) {
          for (let d = 0; d < seg.size; d++) {
            const no = seg.nos[d];
            if (seg.alive[d] && !ev.banned[seg.base + d] && no >= 0 && (!keep || keep(no))) m.push(no, 0);
          }
        }
      } else {
        let si = 0;
        for (let i = 0; i < ev.count; i++) {
          const slot = ev.slots[i];
          while (slot >= segs[si].base + segs[si].size) si++;
          const no = segs[si].nos[slot - segs[si].base];
          if (no >= 0 && (!keep || keep(no))) m.push(no, ev.scores[slot]);
        }
      }
    }

    const sort = sortOf(parsed.filters, notices) ?? req.sort ?? 'relevance';
    let noScores = true;
    for (let i = 0; i < m.n && noScores; i++) if (m.scores[i] !== 0) noScores = false;
    const offset = clampInt(req.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = clampInt(req.limit, DEFAULT_LIMIT, 0, 10_000);
    const cmp = comparator(noScores && sort === 'relevance' ? 'newest' : sort, m.nos, m.scores, views);
    const page = selectTop(m.n, offset + limit, cmp).slice(offset);
    const hits = page.map((i) => this.hit(views[m.nos[i]].meta, m.scores[i], terms));
    const facets = table.facets(m.nos, m.n);
    return {
      query: q,
      total: m.n,
      hits,
      facets,
      parsedAs: parsed.parsedAs,
      notice: notices.length ? notices.join(' ') : null,
    };
  }

  private hit(meta: SearchMeta, score: number, terms: Set<string>): SearchHit {
    const body = this.body(meta.id);
    const analyzer = analyzerFor(meta.language);
    const snippets: Snippet[] = [];
    if (terms.size > 0) {
      const b = makeSnippet(body, terms, analyzer);
      if (b) snippets.push(b);
      const n = makeSnippet(meta.notes, terms, analyzer);
      if (n) snippets.push(n);
    }
    if (snippets.length === 0) snippets.push(leadSnippet(body || meta.notes));
    return {
      id: meta.id,
      title: meta.title,
      score: Math.round(score * 1e4) / 1e4,
      snippet: snippets[0].text,
      snippets,
      tags: [...meta.tags],
      published: meta.published,
      source: meta.source,
      kind: meta.kind,
    };
  }
}

/** The answer when a query could not be run at all. */
export function emptyResult(q: string): SearchResult {
  return { query: q, total: 0, hits: [], facets: { tags: [], sources: [], kinds: [], years: [] }, parsedAs: 'query', notice: null };
}

/** A caller's number as an integer within [min, max]; anything but a finite number gives `dflt`. */
export function clampInt(v: unknown, dflt: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(Math.max(Math.floor(v), min), max);
}
