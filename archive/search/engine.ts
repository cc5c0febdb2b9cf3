// The search engine the archive core holds: persisted base segments, a small delta segment
// for changes since, and per-segment deleted ordinals. Every upsert and remove shows in the
// next query; big builds run on worker threads; a missing, stale or corrupt index catches
// up (or is rebuilt) on open, and never makes open or query throw.

import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzerFor } from './analyzer';
import { analyse, buildSegment, type AnalysedDoc } from './build';
import { type IndexableMeta } from './build-batch';
import { ItemTable } from './item-table';
import { compileFilters, itemDate, type ItemView } from './filters';
import { newManifest, readManifest, segmentFile, streamFile, writeManifest, type SegmentEntry } from './manifest';
import { mergeSegments } from './merge';
import { parseQuery, type Filter } from './query-parser';
import { relatedTo } from './related';
import { evaluate, Scratch } from './scorer';
import { selectTop } from './top';
import { comparator, Matches } from './matches';
import { BodyCache } from './body-cache';
import { Segment, MAX_SEGMENT_DOCS } from './segment';
import { decodeSegment, decodeStream } from './segment-file';
import { storeSegment, type Stored } from './segment-store';
import { leadSnippet, makeSnippet } from './snippets';
import { WorkerPool, type Built } from './worker-pool';
import type { RelatedHit, SearchHit, SearchIndex, SearchIndexOptions, SearchMeta, SearchRequest, SearchResult, Snippet } from './types';

/** Up to this many items to (re)index on open go to the delta instead of a worker build. */
const INLINE_LIMIT = 300;
/** Items per segment in a bulk build: small enough to build quickly, large enough to be few. */
const CHUNK = 5000;
/** The delta is frozen into a base segment past this size, so rebuilding it stays cheap. */
const DELTA_LIMIT = 400;
/** Segments smaller than this are merged together when there are several of them. */
const SMALL = 4000;
const DEFAULT_LIMIT = 20;

/** Sizes the tests shrink to exercise every path on small archives. */
export interface Tuning {
  inlineLimit: number;
  chunk: number;
  deltaLimit: number;
  small: number;
}


type Upserted = SearchMeta & { body?: string };

export class Engine implements SearchIndex {
  /** Every item the archive holds now, with its filter and sort keys. */
  private readonly views = new Map<string, ItemView>();
  /** How many items use each analysis language, so queries know which stems to try. */
  private readonly languageCount = new Map<string, number>();
  private readonly scratch = new Scratch();
  private readonly matches = new Matches();
  private readonly table = new ItemTable();
  private readonly bodies = new BodyCache(1024);
  private liveNosCache: Int32Array | null = null;
  private segments: Segment[] = [];
  private readonly stored = new Map<Segment, Stored>();
  /** Where the live copy of each item is, for items held by a base segment. */
  private readonly location = new Map<string, { seg: Segment; ord: number }>();
  /** Changed items not yet analysed, then analysed items of the delta, with their bodies. */
  private readonly pending = new Map<string, Upserted>();
  private readonly delta = new Map<string, { doc: AnalysedDoc; body: string }>();
  private deltaSegment: Segment | null = null;
  private deltaDirty = false;
  private dirty = false;
  private ready: Promise<void> = Promise.resolve();
  private writing: Promise<void> = Promise.resolve();
  private readonly pool = new WorkerPool();
  private closed = false;
  /** Sentences for the next results (e.g. that the index was rebuilt). */
  private readonly openNotices: string[] = [];

  private readonly tuning: Tuning;

  constructor(
    private readonly opts: SearchIndexOptions,
    tuning: Partial<Tuning> = {},
  ) {
    this.tuning = { inlineLimit: INLINE_LIMIT, chunk: CHUNK, deltaLimit: DELTA_LIMIT, small: SMALL, ...tuning };
    for (const m of opts.metas) this.setMeta(stripBody(m));
  }

  // ---------------------------------------------------------------- opening

  async open(): Promise<void> {
    try {
      await fs.mkdir(this.opts.dir, { recursive: true });
    } catch {
      // An unusable index folder leaves search working from memory; flush() reports it.
    }
    const loaded = await this.load();
    if (!loaded) this.dropSegments();
    this.catchUp(loaded === 'repaired');
  }

  private dropSegments(): void {
    this.segments = [];
    this.stored.clear();
    this.location.clear();
  }

  /** Indexes the items the segments lack or hold at another stamp: a few in the delta,
   *  many on workers (queries wait for those). */
  private catchUp(persist: boolean): void {
    const todo: SearchMeta[] = [];
    for (const [id, loc] of this.location) {
      const v = this.views.get(id);
      if (!v || v.meta.stamp !== loc.seg.stamps[loc.ord]) this.kill(id);
      else loc.seg.nos[loc.ord] = v.no;
    }
    for (const v of this.views.values()) {
      const id = v.meta.id;
      if (!this.location.has(id) && !this.delta.has(id) && !this.pending.has(id)) todo.push(v.meta);
    }
    if (todo.length === 0) {
      if (persist) this.persistLater();
      return;
    }
    if (todo.length <= this.tuning.inlineLimit) {
      for (const m of todo) this.pending.set(m.id, m);
      this.deltaDirty = true;
      this.dirty = true;
      this.persistLater();
      return;
    }
    this.ready = this.buildInBackground(todo).then(() => this.persistLater());
  }

  /** A segment proved unreadable after open (say, its positions file): index everything
   *  again from the items, as on a first open. Changes in the delta are kept. */
  private async rebuild(): Promise<void> {
    this.openNotices.push('The search index was damaged and was rebuilt.');
    this.dropSegments();
    this.dirty = true;
    this.catchUp(true);
    await this.ready;
  }

  /** Loads the persisted segments; false when there are none or they cannot be trusted. */
  private async load(): Promise<false | 'ok' | 'repaired'> {
    const manifest = await readManifest(this.opts.dir);
    if (!manifest) {
      if (await exists(path.join(this.opts.dir, 'manifest.json'))) {
        this.openNotices.push('The search index could not be read and was rebuilt.');
      }
      return false;
    }
    try {
      const segs = await Promise.all(
        manifest.segments.map(async (e) => {
          const bytes = await fs.readFile(segmentFile(this.opts.dir, e.name));
          const data = decodeSegment(bytes, e.crc);
          if (data.ids.length !== e.docs) throw new Error('segment size does not match the manifest');
          const seg = new Segment(data, null, () => decodeStream(readFileSync(streamFile(this.opts.dir, e.name)), e.streamCrc));
          for (const d of e.dead) if (d >= 0 && d < seg.size) seg.alive[d] = 0;
          this.stored.set(seg, { name: e.name, crc: e.crc, streamCrc: e.streamCrc });
          return seg;
        }),
      );
      this.segments = segs;
    } catch {
      this.stored.clear();
      this.openNotices.push('The search index was damaged and was rebuilt.');
      return false;
    }
    let repaired = false;
    for (const seg of this.segments) {
      for (let d = 0; d < seg.size; d++) {
        if (!seg.alive[d]) continue;
        const prev = this.location.get(seg.ids[d]);
        if (prev) {
          prev.seg.alive[prev.ord] = 0;
          repaired = true;
        }
        this.location.set(seg.ids[d], { seg, ord: d });
      }
    }
    return repaired ? 'repaired' : 'ok';
  }

  private async buildInBackground(todo: Upserted[]): Promise<void> {
    // Newest first, so that if anything reads partial results they are the recent items.
    todo.sort((a, b) => (itemDate(a) < itemDate(b) ? 1 : itemDate(a) > itemDate(b) ? -1 : 0));
    const jobs = [];
    const chunk = this.tuning.chunk;
    for (let i = 0; i < todo.length; i += chunk) {
      jobs.push({ contentDir: this.opts.contentDir, dir: this.opts.dir, docs: todo.slice(i, i + chunk).map(toIndexable) });
    }
    try {
      await this.pool.run(jobs, (built) => this.adopt(built, built.stored));
    } catch {
      // Items whose body could not be read or analysed stay out of the index until they change.
      this.openNotices.push('Some items could not be indexed; search may miss them.');
    }
    this.dirty = true;
  }

  /** Takes a freshly built segment in, keeping only the items it holds the current version of. */
  private adopt(built: Pick<Built, 'data' | 'stream'>, stored: Stored | null = null): Segment {
    const seg = new Segment(built.data, built.stream);
    for (let d = 0; d < seg.size; d++) {
      const id = seg.ids[d];
      const v = this.views.get(id);
      if (!v || v.meta.stamp !== seg.stamps[d] || this.pending.has(id) || this.delta.has(id) || this.location.has(id)) {
        seg.alive[d] = 0;
        continue;
      }
      this.location.set(id, { seg, ord: d });
      seg.nos[d] = v.no;
    }
    this.segments.push(seg);
    if (stored) {
      this.stored.set(seg, stored);
      this.releaseStream(seg, stored);
    }
    return seg;
  }

  /** Once on disk, term positions are read back only when a phrase needs them. */
  private releaseStream(seg: Segment, s: Stored): void {
    const file = streamFile(this.opts.dir, s.name);
    seg.releaseStream(() => decodeStream(readFileSync(file), s.streamCrc));
  }

  // ---------------------------------------------------------------- changes

  upsert(doc: SearchMeta & { body?: string }): void {
    const meta = stripBody(doc);
    const loc = this.location.get(doc.id);
    const view = this.setMeta(meta);
    this.bodies.delete(doc.id);
    if (doc.body === undefined && loc && loc.seg.stamps[loc.ord] === doc.stamp) {
      loc.seg.nos[loc.ord] = view.no;
      return;
    }
    this.kill(doc.id);
    this.delta.delete(doc.id);
    this.pending.set(doc.id, { ...meta, ...(doc.body !== undefined ? { body: doc.body } : {}) });
    this.deltaDirty = true;
    this.dirty = true;
  }

  remove(id: string): void {
    this.deleteMeta(id);
    this.bodies.delete(id);
    this.kill(id);
    if (this.delta.delete(id)) this.deltaDirty = true;
    this.pending.delete(id);
    this.dirty = true;
  }

  /** The item-table numbers of every item now, for listings; rebuilt after changes. */
  private liveNos(): Int32Array {
    if (!this.liveNosCache) this.liveNosCache = Int32Array.from(this.views.values(), (v) => v.no);
    return this.liveNosCache;
  }

  private setMeta(meta: SearchMeta): ItemView {
    this.deleteMeta(meta.id);
    this.liveNosCache = null;
    const v = this.table.add(meta);
    this.views.set(meta.id, v);
    const lang = analyzerFor(meta.language).language;
    this.languageCount.set(lang, (this.languageCount.get(lang) ?? 0) + 1);
    return v;
  }

  private deleteMeta(id: string): void {
    const old = this.views.get(id);
    if (!old) return;
    this.views.delete(id);
    this.liveNosCache = null;
    const lang = analyzerFor(old.meta.language).language;
    const n = (this.languageCount.get(lang) ?? 1) - 1;
    if (n > 0) this.languageCount.set(lang, n);
    else this.languageCount.delete(lang);
  }

  private kill(id: string): void {
    const loc = this.location.get(id);
    if (!loc) return;
    loc.seg.alive[loc.ord] = 0;
    this.location.delete(id);
    this.dirty = true;
  }

  /** Analyses pending changes and rebuilds the delta segment if it changed. */
  private syncDelta(): void {
    if (this.pending.size > 0) {
      for (const [id, doc] of this.pending) {
        let body = doc.body;
        if (body === undefined) {
          try {
            body = readFileSync(path.join(this.opts.contentDir, `${id}.txt`), 'utf8');
          } catch {
            body = '';
          }
        }
        this.delta.set(id, { doc: analyse({ ...toIndexable(doc), body }), body });
        this.analysed++;
      }
      this.pending.clear();
      this.deltaDirty = true;
    }
    if (this.delta.size >= this.tuning.deltaLimit) this.freezeDelta();
    if (!this.deltaDirty) return;
    if (this.delta.size === 0) this.deltaSegment = null;
    else {
      const built = buildSegment([...this.delta.values()].map((d) => d.doc));
      const seg = new Segment(built.data, built.stream);
      for (let d = 0; d < seg.size; d++) seg.nos[d] = this.views.get(seg.ids[d])?.no ?? -1;
      this.deltaSegment = seg;
    }
    this.deltaDirty = false;
  }

  /** Turns the delta into a base segment (to be persisted) and starts an empty delta. */
  private freezeDelta(): void {
    if (this.delta.size === 0) return;
    const docs = [...this.delta.values()].map((d) => d.doc);
    this.delta.clear();
    for (let i = 0; i < docs.length; i += MAX_SEGMENT_DOCS) this.adopt(buildSegment(docs.slice(i, i + MAX_SEGMENT_DOCS)));
    this.deltaSegment = null;
    this.deltaDirty = false;
  }

  private liveSegments(): Segment[] {
    const segs = this.deltaSegment ? [...this.segments, this.deltaSegment] : [...this.segments];
    let base = 0;
    for (const s of segs) {
      s.base = base;
      base += s.size;
    }
    return segs;
  }

  private languages(): string[] {
    const langs = new Set<string>(['en']);
    for (const l of this.languageCount.keys()) langs.add(l);
    return [...langs];
  }

  // ---------------------------------------------------------------- queries

  /**
   * Waits for background builds, first sending a large batch of pending changes (a bulk
   * import) to the workers, so that no query analyses thousands of items on this thread.
   */
  private async settle(): Promise<void> {
    for (;;) {
      const current = this.ready;
      await current;
      if (this.pending.size > this.tuning.inlineLimit && !this.closed) {
        const docs = [...this.pending.values()];
        this.pending.clear();
        this.ready = this.buildInBackground(docs);
        continue;
      }
      if (current === this.ready) return;
    }
  }

  async query(req: SearchRequest): Promise<SearchResult> {
    await this.settle();
    try {
      return this.runQuery(req);
    } catch {
      // Only damaged files (a positions file read lazily) can make a query fail; rebuild once, then answer.
      try {
        await this.rebuild();
        return this.runQuery(req);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { ...emptyResult(typeof req.q === 'string' ? req.q : ''), notice: `The search failed (${why}).` };
      }
    }
  }

  private runQuery(req: SearchRequest): SearchResult {
    this.syncDelta();
    const q = typeof req.q === 'string' ? req.q : '';
    const parsed = parseQuery(q);
    // Notices about the index itself are said once.
    const notices = [...this.openNotices.splice(0), ...parsed.notices];
    const tagFilters: Filter[] = (req.tags ?? []).map((t) => ({ key: 'tag', value: t, negate: false }));
    const keep = compileFilters([...parsed.filters, ...tagFilters], this.table, notices);
    const segs = this.liveSegments();

    // Matches as parallel typed arrays of item numbers and scores, reused across queries:
    // nothing proportional to the number of matches is allocated.
    let total = 0;
    for (const v of segs) total += v.size;
    const m = this.matches.reset(Math.max(total, this.views.size));
    const views = this.table.views;
    let terms = new Set<string>();
    if (parsed.clauses.length === 0) {
      const live = this.liveNos();
      for (let i = 0; i < live.length; i++) if (!keep || keep(live[i])) m.push(live[i], 0);
    } else {
      const ev = evaluate(segs, parsed.clauses, this.languages(), this.scratch);
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

    const sort = req.sort ?? 'relevance';
    let noScores = true;
    for (let i = 0; i < m.n && noScores; i++) if (m.scores[i] !== 0) noScores = false;
    const offset = clampInt(req.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = clampInt(req.limit, DEFAULT_LIMIT, 0, 10_000);
    const cmp = comparator(noScores && sort === 'relevance' ? 'newest' : sort, m.nos, m.scores, views);
    const page = selectTop(m.n, offset + limit, cmp).slice(offset);
    const hits = page.map((i) => this.hit(views[m.nos[i]].meta, m.scores[i], terms));
    const facets = this.table.facets(m.nos, m.n);
    return {
      query: q,
      total: m.n,
      hits,
      facets,
      parsedAs: parsed.parsedAs,
      notice: notices.length ? notices.join(' ') : null,
    };
  }

  /** An item's body, for snippets. A synchronous read of a few kilobytes costs tens of
   *  microseconds; the promise API's open/read/close round trips cost ten times that. */
  private body(id: string): string {
    const d = this.delta.get(id);
    if (d) return d.body;
    let body = this.bodies.get(id);
    if (body === undefined) {
      try {
        body = readFileSync(path.join(this.opts.contentDir, `${id}.txt`), 'utf8');
      } catch {
        body = '';
      }
      this.bodies.set(id, body);
    }
    return body;
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

  async related(id: string, opts: { exclude: string[]; limit: number }): Promise<RelatedHit[]> {
    await this.settle();
    try {
      return this.runRelated(id, opts);
    } catch {
      try {
        await this.rebuild();
        return this.runRelated(id, opts);
      } catch {
        return [];
      }
    }
  }

  private runRelated(id: string, opts: { exclude: string[]; limit: number }): RelatedHit[] {
    this.syncDelta();
    const meta = this.views.get(id)?.meta;
    if (!meta) return [];
    const body = this.body(id);
    return relatedTo({ ...toIndexable(meta), body }, this.liveSegments(), (i) => this.views.get(i)?.meta, new Set([...opts.exclude, id]), clampInt(opts.limit, 10, 0, 1000));
  }

  // ---------------------------------------------------------------- persistence

  /** Persists in the background; a failure (read-only or full disk) waits for the next flush. */
  private persistLater(): void {
    this.schedulePersist().catch(() => {});
  }

  private schedulePersist(): Promise<void> {
    this.writing = this.writing.then(
      () => this.persist(),
      () => this.persist(),
    );
    return this.writing;
  }

  async flush(): Promise<void> {
    await this.settle();
    await this.schedulePersist();
  }

  private async persist(): Promise<void> {
    if (this.closedHard) return;
    this.syncDelta();
    this.freezeDelta();
    let compacted = false;
    try {
      compacted = this.compact();
    } catch {
      // Compaction is an optimisation; an unreadable positions file leaves segments as they are.
    }
    if (!this.dirty && !compacted) return;
    this.dirty = false;
    try {
      await this.write();
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }

  /** Writes new segments, then the manifest (the commit point), then removes old files. */
  private async write(): Promise<void> {
    const dir = this.opts.dir;
    const entries: SegmentEntry[] = [];
    for (const seg of [...this.segments]) {
      let s = this.stored.get(seg);
      if (!s) {
        s = await storeSegment(dir, seg.data, seg.stream());
        this.stored.set(seg, s);
        this.releaseStream(seg, s);
      }
      entries.push({ name: s.name, docs: seg.size, crc: s.crc, streamCrc: s.streamCrc, dead: [] });
    }
    // Deleted ordinals are read last, so the manifest carries every deletion made so far.
    const live = this.segments.filter((seg) => this.stored.has(seg));
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const seg of live) {
      const e = byName.get(this.stored.get(seg)!.name)!;
      for (let d = 0; d < seg.size; d++) if (!seg.alive[d]) e.dead.push(d);
    }
    await writeManifest(dir, newManifest(live.map((seg) => byName.get(this.stored.get(seg)!.name)!)));
    await this.removeStrayFiles(new Set(live.map((seg) => this.stored.get(seg)!.name)));
  }

  private closedHard = false;
  /** Items analysed on this thread since open (the rest came from disk or a worker). */
  private analysed = 0;

  /** Merges small or mostly-deleted segments, so segments stay few however many flushes. */
  private compact(): boolean {
    const small = this.segments.filter((s) => s.size < this.tuning.small || s.liveCount() < s.size / 2);
    const empty = this.segments.filter((s) => s.liveCount() === 0);
    if (empty.length) {
      this.segments = this.segments.filter((s) => s.liveCount() > 0);
      for (const s of empty) this.stored.delete(s);
    }
    const candidates = small.filter((s) => s.liveCount() > 0);
    if (candidates.length < 2) return empty.length > 0;
    let total = 0;
    const group: Segment[] = [];
    for (const s of candidates.sort((a, b) => a.liveCount() - b.liveCount())) {
      if (total + s.liveCount() > MAX_SEGMENT_DOCS) break;
      group.push(s);
      total += s.liveCount();
    }
    if (group.length < 2) return empty.length > 0;
    const merged = mergeSegments(group);
    const drop = new Set(group);
    this.segments = this.segments.filter((s) => !drop.has(s));
    for (const s of group) this.stored.delete(s);
    for (const s of group) {
      for (let d = 0; d < s.size; d++) if (s.alive[d]) this.location.delete(s.ids[d]);
    }
    this.adopt(merged);
    return true;
  }

  private async removeStrayFiles(keep: Set<string>): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.opts.dir);
    } catch {
      return;
    }
    await Promise.all(
      names
        .filter((n) => /\.(seg|pos)$/.test(n) && !keep.has(n.replace(/\.(seg|pos)$/, '')))
        .map((n) => fs.rm(path.join(this.opts.dir, n), { force: true }).catch(() => {})),
    );
  }

  /** Stops any build at once (what is built so far is kept), persists, and ends workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.pool.stop();
      await this.ready;
      await this.schedulePersist();
    } catch {
      // Closing always succeeds: an index that could not be saved is rebuilt on next open.
    } finally {
      this.closedHard = true;
    }
  }

  /** For tests and the benchmark: how the index is laid out now. */
  layout(): { segments: number[]; delta: number; analysed: number; workerBuilds: number } {
    return {
      segments: this.segments.map((s) => s.size),
      delta: this.delta.size + this.pending.size,
      analysed: this.analysed,
      workerBuilds: this.pool.workerBuilds,
    };
  }
}

// ---------------------------------------------------------------- helpers

function emptyResult(q: string): SearchResult {
  return { query: q, total: 0, hits: [], facets: { tags: [], sources: [], kinds: [], years: [] }, parsedAs: 'query', notice: null };
}

function stripBody(doc: SearchMeta & { body?: string }): SearchMeta {
  if (!('body' in doc)) return doc;
  const { body: _body, ...meta } = doc;
  return meta;
}

function toIndexable(m: SearchMeta & { body?: string }): IndexableMeta {
  return {
    id: m.id,
    stamp: m.stamp,
    language: m.language,
    title: m.title ?? '',
    tags: m.tags ?? [],
    source: m.source,
    byline: m.byline,
    notes: m.notes ?? '',
    ...(m.body !== undefined ? { body: m.body } : {}),
  };
}

function clampInt(v: unknown, dflt: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(Math.max(Math.floor(v), min), max);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
