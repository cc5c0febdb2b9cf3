// The changes since the base segments, kept on the engine's own thread: items changed and not
// yet analysed, then analysed into one small in-memory segment that every query reads (rebuilt
// after a change, so each change shows in the next query) until the engine freezes them into
// a base segment. It holds each analysed item's body too, for its snippets, and the bodies
// of pending changes only while they are few: a bulk change is built on workers, which read
// its bodies from content/ themselves, so an import holds no archive's worth of text.

import { passAnalyzer, type Analyzer } from './analyzer';
import { analyse, buildSegment, type AnalysedDoc } from './build';
import { toIndexable } from './build-batch';
import { readBodySync } from './body-file';
import { Segment } from './segment';
import type { SearchMeta } from './types';

/** A changed item as the engine was given it: its metadata, and its body when given. */
export type Changed = SearchMeta & { body?: string };

/** A change as it is kept once its body is let go (content/ holds it). */
export function stripBody(doc: Changed): SearchMeta {
  if (!('body' in doc)) return doc;
  const { body: _body, ...meta } = doc;
  return meta;
}

export class Delta {
  /** Changed items not yet analysed. */
  readonly pending = new Map<string, Changed>();
  /** Analysed items, with their bodies. */
  private readonly analysedDocs = new Map<string, { doc: AnalysedDoc; body: string }>();
  private built: Segment | null = null;
  /** The analysed items changed since `built` was made. */
  private stale = false;
  /** Items analysed here since open (the rest came from disk or a worker). */
  analysed = 0;

  /**
   * @param bodyLimit The most pending changes whose given bodies are kept: up to it they are
   *   analysed on the engine's thread, where a body at hand spares a read of its file; past
   *   it, all of them go to workers, and a body given is in content/ (SearchIndex.upsert).
   */
  constructor(
    private readonly contentDir: string,
    private readonly bodyLimit: number,
  ) {}

  /** Items in the delta, analysed or not. */
  get size(): number {
    return this.analysedDocs.size + this.pending.size;
  }

  /** Analysed items, which the engine freezes into a base segment past a size. */
  get analysedSize(): number {
    return this.analysedDocs.size;
  }

  has(id: string): boolean {
    return this.pending.has(id) || this.analysedDocs.has(id);
  }

  /** Takes a change to an item in; it is analysed before the next query. */
  change(doc: Changed): void {
    this.analysedDocs.delete(doc.id);
    const bulk = this.pending.size + (this.pending.has(doc.id) ? 0 : 1) > this.bodyLimit;
    // Crossing the limit: the bodies kept so far go too.
    if (bulk && this.pending.size === this.bodyLimit)
      for (const [id, d] of this.pending) if (d.body !== undefined) this.pending.set(id, stripBody(d));
    this.pending.set(doc.id, bulk ? stripBody(doc) : doc);
    this.stale = true;
  }

  remove(id: string): void {
    if (this.analysedDocs.delete(id)) this.stale = true;
    this.pending.delete(id);
  }

  /** Every pending change, taken out (a bulk import, which workers build instead). */
  takePending(): Changed[] {
    const docs = [...this.pending.values()];
    this.pending.clear();
    return docs;
  }

  /** An analysed item's body, if the delta holds it. */
  body(id: string): string | undefined {
    return this.analysedDocs.get(id)?.body;
  }

  /** Analyses the pending changes (reading a body from content/ when none was given), with
   *  analyzers of their own: the thread's shared memo keeps the words queries ask for. */
  analysePending(): void {
    if (this.pending.size === 0) return;
    const analyzers = new Map<string, Analyzer>();
    for (const [id, doc] of this.pending) {
      const body = doc.body !== undefined ? doc.body : readBodySync(this.contentDir, id);
      let analyzer = analyzers.get(doc.language);
      if (!analyzer) analyzers.set(doc.language, (analyzer = passAnalyzer(doc.language)));
      this.analysedDocs.set(id, { doc: analyse({ ...toIndexable(doc), body }, analyzer), body });
      this.analysed++;
    }
    this.pending.clear();
    this.stale = true;
  }

  /** The analysed items, taken out to become a base segment; the delta starts empty. */
  freeze(): AnalysedDoc[] {
    const docs = [...this.analysedDocs.values()].map((d) => d.doc);
    this.analysedDocs.clear();
    this.built = null;
    this.stale = false;
    return docs;
  }

  /** The segment of the analysed items, made again if they changed (its ordinals pointed at
   *  their items by `noOf`); null when there are none. */
  segment(noOf: (id: string) => number): Segment | null {
    if (this.stale) {
      this.stale = false;
      this.built = null;
      if (this.analysedDocs.size > 0) {
        const made = buildSegment([...this.analysedDocs.values()].map((d) => d.doc));
        const seg = new Segment(made.data, made.stream);
        for (let d = 0; d < seg.size; d++) seg.nos[d] = noOf(seg.ids[d]);
        this.built = seg;
      }
    }
    return this.built;
  }
}
