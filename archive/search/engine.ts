// The search engine the archive core holds: persisted base segments, a small delta segment
// for changes since, and per-segment deleted ordinals. Every upsert and remove shows in the
// next query; big builds run on worker threads; a missing, stale or corrupt index catches
// up (or is rebuilt) on open, and never makes open or query throw.

import { promises as fs } from 'node:fs';
import { BaseSegments } from './base-segments';
import { BodyCache } from './body-cache';
import { readBody, readBodySync } from './body-file';
import { buildSegment } from './build';
import { toIndexable } from './build-batch';
import { Delta, stripBody, type Changed } from './delta';
import { isItemColumns, type Placement } from './item-columns';
import { itemDate } from './item-table';
import { LiveItems } from './live-items';
import { PositionCache } from './positions';
import { clampInt, emptyResult, QueryRunner, Turns } from './query';
import { relatedTo } from './related';
import { nextTurn } from './next-turn';
import { MAX_SEGMENT_DOCS, type Segment } from './segment';
import { inIdleTurns } from './idle-turns';
import { warmUp } from './warm-up';
import { WorkerPool } from './worker-pool';
import type {
  RelatedHit,
  SearchIndex,
  SearchIndexOptions,
  SearchMeta,
  SearchRequest,
  SearchResult,
  StoredLayout,
} from './types';

/** Up to this many items to (re)index on open go to the delta instead of a worker build. */
const INLINE_LIMIT = 300;
/** Items per segment in a bulk build: small enough to build quickly, large enough to be few. */
const CHUNK = 5000;
/** The delta is frozen into a base segment past this size, so rebuilding it (which the next
 *  query after every change does, on the answering thread) stays within a few milliseconds. */
const DELTA_LIMIT = 64;
/** Segments smaller than this are merged together (on a worker) when there are several of
 *  them; a segment of any size that is mostly deleted items is rewritten. */
const SMALL = 4000;

/** About this many bytes of recently shown bodies are kept (a few thousand articles). */
const BODY_CACHE_BYTES = 12 * 1024 * 1024;
/** Bytes of term positions read from segment files kept for the next phrases. */
const POSITION_CACHE_BYTES = 8 * 1024 * 1024;
/** Terms whose spans are compacted in one step after open: well under a millisecond, the
 *  first steps' unoptimised code included (a segment of 5,000 items holds some 70,000 terms). */
const SPAN_TERMS_PER_STEP = 4096;
/** The share of the stored segments' postings held in memory between rankings; past it,
 *  some are let go. The benchmark's query mix reads 28% of them at 50,000 and at 100,000
 *  items, related items 63% within five rankings; a bound at the mix's own share made
 *  every query read a third of its postings again (p50 4.2 ms → 13.3 at 100,000). */
const POSTINGS_SHARE = 0.4;

/** Sizes the tests shrink to exercise every path on small archives. */
export interface Tuning {
  inlineLimit: number;
  chunk: number;
  deltaLimit: number;
  small: number;
}

export class Engine implements SearchIndex {
  private readonly items = new LiveItems();
  private readonly bodies = new BodyCache(BODY_CACHE_BYTES);
  private readonly base: BaseSegments;
  private readonly queries: QueryRunner;
  /** Changes since the base segments, analysed here. */
  private readonly delta: Delta;
  /** Something changed since the last write (a deletion, a new segment, a rebuild). */
  private dirty = false;
  private ready: Promise<void> = Promise.resolve();
  /** The last ranking that reads the segments in turns (a search's, related items'), which
   *  the next one waits for: they share working arrays and the segments' bases, and the
   *  files of segments a merge replaced stay until none reads them. */
  private reading: Promise<unknown> = Promise.resolve();
  private writing: Promise<void> = Promise.resolve();
  private readonly pool = new WorkerPool();
  private closed = false;
  private closedHard = false;
  /** Sentences for the next results (e.g. that the index was rebuilt). */
  private readonly openNotices: string[] = [];

  private readonly tuning: Tuning;
  /** Where the catalog says each item is live in the stored segments, if it says. */
  private placed: { placement: Placement; first: number; count: number } | null = null;

  constructor(
    private readonly opts: SearchIndexOptions,
    tuning: Partial<Tuning> = {},
  ) {
    this.tuning = { inlineLimit: INLINE_LIMIT, chunk: CHUNK, deltaLimit: DELTA_LIMIT, small: SMALL, ...tuning };
    this.delta = new Delta(opts.contentDir, this.tuning.inlineLimit);
    // A base segment holds an item live only while that version is current and no newer
    // change to it waits in the delta.
    this.base = new BaseSegments(
      opts.dir,
      (id, stamp) => {
        const no = this.items.noOf(id);
        return no >= 0 && this.items.table.stampOf(no) === stamp && !this.delta.has(id) ? no : -1;
      },
      new PositionCache(POSITION_CACHE_BYTES),
    );
    this.queries = new QueryRunner(this.items, (id) => this.body(id));
    if (isItemColumns(opts.metas)) {
      const cols = opts.metas;
      const first = this.items.adopt(cols);
      if (cols.placement) this.placed = { placement: cols.placement, first, count: cols.count };
    } else for (const m of opts.metas) this.items.set(stripBody(m));
  }

  // ---------------------------------------------------------------- opening

  async open(): Promise<void> {
    try {
      // A read-only engine (a reader beside the writer) never creates or changes index/.
      if (!this.opts.readOnly) await fs.mkdir(this.opts.dir, { recursive: true });
    } catch {
      // An unusable index folder leaves search working from memory; flush() reports it.
    }
    const loaded = await this.base.load(this.openNotices, this.placed);
    this.placed = null;
    if (!loaded) this.base.clear();
    this.catchUp(loaded === 'repaired', loaded !== 'placed');
    // A long-lived host compiles each kind of query's code in idle turns, not in the first
    // real search of it, and then holds its segments' spans compact; one command needs neither.
    if (this.opts.warmUp !== false) {
      warmUp(
        () => this.closed,
        () => this.answering > 0,
      );
      this.compactSpans();
    }
  }

  /**
   * Compacts the term spans of the segments just read, a slice at a time in idle turns: they
   * answer from their flat offsets meanwhile. Compacting all of them before the first answer
   * made a cold search at 100,000 items some 200 ms slower on a slow machine, and a whole
   * segment at once held the thread 3–7 ms after a cold open at 50,000.
   */
  private compactSpans(): void {
    const pending = [...this.base.segments];
    inIdleTurns(
      () => {
        // A segment merged away meanwhile is not worth the work.
        while (pending.length > 0 && !this.base.segments.includes(pending[0])) pending.shift();
        const seg = pending[0];
        if (!seg) return false;
        try {
          if (seg.spans.compact(SPAN_TERMS_PER_STEP)) pending.shift();
        } catch {
          // Offsets that do not hold together (a checksum passed them): that segment stays flat.
          pending.shift();
        }
        return pending.length > 0;
      },
      () => this.closed,
      () => this.answering > 0,
    );
  }

  /** Indexes the items the segments lack or hold at another stamp: a few in the delta,
   *  many on workers (queries wait for those). */
  private catchUp(persist: boolean, reconcile = true): void {
    if (reconcile && this.base.reconcile()) this.dirty = true;
    const held = this.base.held(this.items.table.size);
    const todo: SearchMeta[] = [];
    for (const no of this.items.nos()) {
      if (held[no]) continue;
      const meta = this.items.table.view(no).meta;
      if (!this.delta.has(meta.id)) todo.push(meta);
    }
    if (todo.length === 0) {
      if (persist) this.persistLater();
      return;
    }
    if (todo.length <= this.tuning.inlineLimit) {
      for (const m of todo) this.delta.change(m);
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
    this.base.clear();
    this.dirty = true;
    this.catchUp(true);
    await this.ready;
  }

  private async buildInBackground(todo: Changed[]): Promise<void> {
    // Newest first, so that if anything reads partial results they are the recent items.
    todo.sort((a, b) => (itemDate(a) < itemDate(b) ? 1 : itemDate(a) > itemDate(b) ? -1 : 0));
    const jobs = [];
    const chunk = this.tuning.chunk;
    for (let i = 0; i < todo.length; i += chunk) {
      // An empty dir asks the worker to keep the segment in memory only.
      jobs.push({
        contentDir: this.opts.contentDir,
        dir: this.opts.readOnly ? '' : this.opts.dir,
        docs: todo.slice(i, i + chunk).map(toIndexable),
      });
    }
    try {
      await this.pool.run(jobs, (built) => this.base.adopt(built, built.stored));
    } catch {
      // Items whose body could not be read or analysed stay out of the index until they change.
      this.openNotices.push('Some items could not be indexed; search may miss them.');
    }
    this.dirty = true;
  }

  // ---------------------------------------------------------------- changes

  upsert(doc: SearchMeta & { body?: string }): void {
    const meta = stripBody(doc);
    const loc = this.base.locate(doc.id);
    const view = this.items.set(meta);
    this.bodies.delete(doc.id);
    this.changes++;
    if (doc.body === undefined && loc && loc.seg.stamps[loc.ord] === doc.stamp) {
      loc.seg.nos[loc.ord] = view.no;
      return;
    }
    this.base.kill(doc.id);
    this.delta.change(doc);
    this.dirty = true;
  }

  remove(id: string): void {
    this.items.delete(id);
    this.bodies.delete(id);
    this.changes++;
    this.base.kill(id);
    this.delta.remove(id);
    this.dirty = true;
  }

  /** Analyses pending changes; past its limit, the delta becomes a base segment. */
  private syncDelta(): void {
    this.delta.analysePending();
    if (this.delta.analysedSize >= this.tuning.deltaLimit) {
      this.freezeDelta();
      // Frozen segments hold their term positions in memory until written: write them (and
      // let compaction fold the small ones together on a worker) now, not at close.
      this.persistLater();
    }
  }

  /** Turns the delta into a base segment (to be persisted) and starts an empty delta. */
  private freezeDelta(): void {
    const docs = this.delta.freeze();
    for (let i = 0; i < docs.length; i += MAX_SEGMENT_DOCS)
      this.base.adopt(buildSegment(docs.slice(i, i + MAX_SEGMENT_DOCS)));
  }

  /** Every segment a query reads, numbered one after another in a global slot space. */
  private liveSegments(): Segment[] {
    const delta = this.delta.segment((id) => this.items.noOf(id));
    const segs = delta ? [...this.base.segments, delta] : [...this.base.segments];
    let base = 0;
    for (const s of segs) {
      s.base = base;
      base += s.size;
    }
    return segs;
  }

  /** Items changed or removed so far: a body read ahead is kept only if none was meanwhile
   *  (its file may have been rewritten while it was read). */
  private changes = 0;

  /** Reads the bodies of `ids` that are not at hand off this thread (in libuv's pool, all at
   *  once), into the cache body() reads: snippets and related items then never wait on the
   *  disk here. Right after a bulk write at 50,000 items, one synchronous read of a body
   *  held the thread up to 24 ms. */
  private async readBodiesAhead(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => this.delta.body(id) === undefined && this.bodies.get(id) === undefined);
    if (missing.length === 0) return;
    const before = this.changes;
    const read = await Promise.all(missing.map((id) => readBody(this.opts.contentDir, id)));
    if (this.changes === before) missing.forEach((id, i) => this.bodies.set(id, read[i]));
  }

  /** An item's body, for snippets and related items: from the delta, else the cache, else
   *  its file (read synchronously: see readBodySync; readBodiesAhead spares it that read). */
  private body(id: string): string {
    let body = this.delta.body(id) ?? this.bodies.get(id);
    if (body === undefined) {
      body = readBodySync(this.opts.contentDir, id);
      this.bodies.set(id, body);
    }
    return body;
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
      if (this.delta.pending.size > this.tuning.inlineLimit && !this.closed) {
        const docs = this.delta.takePending();
        // Once built, the new segments are committed to the manifest and compacted in the
        // background, so a long session's imports do not pile up small segments.
        this.ready = this.buildInBackground(docs).then(() => this.persistLater());
        continue;
      }
      if (current === this.ready) return;
    }
  }

  /** Runs `run` once builds have settled. Only damaged files (a positions file read lazily)
   *  can make it fail: then the index is rebuilt once and `run` tried again; if that fails
   *  too, the caller gets `fallback`'s answer rather than an exception. */
  private async answer<T>(run: () => T | Promise<T>, fallback: (err: unknown) => T): Promise<T> {
    this.answering++;
    try {
      await this.settle();
      try {
        return await run();
      } catch {
        try {
          await this.rebuild();
          return await run();
        } catch (err) {
          return fallback(err);
        }
      }
    } finally {
      if (--this.answering === 0) for (const wake of this.quietWaiters.splice(0)) wake();
    }
  }

  /** Searches and related-items rankings under way. */
  private answering = 0;
  private readonly quietWaiters: Array<() => void> = [];

  quiet(): Promise<void> {
    return this.answering === 0 ? Promise.resolve() : new Promise((resolve) => this.quietWaiters.push(resolve));
  }

  /** Runs `rank` after the rankings before it, alone among them; past their share, the
   *  postings read are let go before the next one starts. */
  private inReadingTurn<T>(rank: () => Promise<T>): Promise<T> {
    const turn = this.reading.then(rank).finally(() => this.base.trimPostings(POSTINGS_SHARE));
    this.reading = turn.catch(() => {});
    return turn;
  }

  /** Ranks in short steps and makes the page's snippets one hit at a time (they may read
   *  bodies from disk), giving the thread back between them, so that a first search, cold,
   *  never holds it long. Another search may be ranked while this one's snippets are made. */
  async query(req: SearchRequest): Promise<SearchResult> {
    return this.answer(
      async () => {
        const turns = new Turns(nextTurn);
        const ranked = await this.inReadingTurn(() => {
          this.syncDelta();
          return this.queries.rankInTurns(req, this.liveSegments(), this.openNotices, turns);
        });
        await this.readBodiesAhead(this.queries.unsnippeted(ranked));
        return this.queries.pageInTurns(ranked, turns);
      },
      (err) => {
        const why = err instanceof Error ? err.message : String(err);
        return { ...emptyResult(typeof req.q === 'string' ? req.q : ''), notice: `The search failed (${why}).` };
      },
    );
  }

  /** Related items are ranked a segment at a time, giving the thread back between segments
   *  (at 50,000 items the whole ranking takes longer than a request should hold it), in the
   *  reading turn a search's ranking also takes. */
  async related(id: string, opts: { exclude: string[]; limit: number }): Promise<RelatedHit[]> {
    return this.answer(
      () =>
        this.inReadingTurn(async () => {
          await this.readBodiesAhead([id]);
          this.syncDelta();
          const meta = this.items.get(id)?.meta;
          if (!meta) return [];
          const body = this.body(id);
          return relatedTo(
            { ...toIndexable(meta), body },
            this.liveSegments(),
            (i) => this.items.get(i)?.meta,
            new Set([...opts.exclude, id]),
            clampInt(opts.limit, 10, 0, 1000),
            nextTurn,
          );
        }),
      () => [],
    );
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
    if (this.closedHard || this.opts.readOnly) return;
    this.syncDelta();
    this.freezeDelta();
    let compacted = false;
    try {
      compacted = await this.compact();
    } catch {
      // Compaction is an optimisation; an unreadable file or a close that cut the merge
      // short leaves segments as they are, for the next flush to try again.
    }
    if (!this.dirty && !compacted) return;
    this.dirty = false;
    // A ranking still reading a segment the merge replaced finishes before its files go.
    await this.reading;
    try {
      await this.base.write();
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }

  /**
   * One compaction step. The merge runs on a worker from the segments' files while queries
   * keep reading the old segments; the result replaces them in one synchronous step, and the
   * manifest the caller writes next is what makes it permanent on disk.
   */
  private async compact(): Promise<boolean> {
    const plan = this.base.planCompaction(this.tuning.small);
    if (!plan.job) return plan.changed;
    const merged = await this.pool.merge(plan.job);
    return this.base.replaceMerged(plan.group, merged, merged.stored) || plan.changed;
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

  storedLayout(): StoredLayout | null {
    // Only after close, and only if every change reached the manifest last written.
    if (!this.closedHard || this.dirty || this.delta.size > 0) return null;
    return this.base.storedLayout();
  }

  /** For tests and the benchmark: how the index is laid out now. */
  layout(): {
    segments: number[];
    delta: number;
    analysed: number;
    workerBuilds: number;
    workerMerges: number;
    inlineMerges: number;
    /** Segments still answering from their flat term offsets (not yet compacted). */
    flatSpans: number;
  } {
    return {
      segments: this.base.segments.map((s) => s.size),
      flatSpans: this.base.segments.filter((s) => !s.spans.compacted).length,
      delta: this.delta.size,
      analysed: this.delta.analysed,
      workerBuilds: this.pool.workerBuilds,
      workerMerges: this.pool.workerMerges,
      inlineMerges: this.pool.inlineMerges,
    };
  }
}
