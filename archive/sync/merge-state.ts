// One device's merge state: every entity the sync operations have built, the clock, and the
// view computed from them (rebuilt only after something was applied). `record` turns local
// edits into operations and applies them here first; `apply` takes anyone's operations.

import { applyOp, joinEntity, type Entity, type EntityMap, type SyncOp } from './crdt';
import { HybridClock } from './hlc';
import { observe, type Dirty, type SyncedData } from './observe';
import { buildView, updateView, type Files, type SyncView } from './view';
import type { Item } from '../core/model';

export class MergeState {
  readonly clock: HybridClock;
  private cached: SyncView | null = null;
  /** Operations applied since the last save (for the state's log). */
  private applied: SyncOp[] = [];
  /** True once a snapshot was joined since the last save: that is saved whole. */
  joined = false;

  constructor(
    device: string,
    readonly entities: EntityMap = new Map(),
    wall?: () => number,
  ) {
    this.clock = new HybridClock(device, wall);
  }

  /** Entities changed since the view was last brought up to date. */
  private touched = new Set<string>();

  get view(): SyncView {
    if (this.cached && this.touched.size > 0 && !updateView(this.cached, this.entities, this.touched))
      this.cached = null;
    this.touched.clear();
    this.cached ??= buildView(this.entities);
    return this.cached;
  }

  /** Applies operations from any device (duplicates are ignored); returns how many were new. */
  apply(ops: Iterable<SyncOp>): number {
    let fresh = 0;
    for (const op of ops) {
      this.clock.observe(op.s);
      if (applyOp(this.entities, op)) {
        fresh += 1;
        this.applied.push(op);
        this.touched.add(op.e);
      }
    }
    return fresh;
  }

  /** Joins other devices' states (their snapshots); returns how many entities it touched. */
  join(entities: Iterable<[string, Entity]>): number {
    let touched = 0;
    for (const [key, entity] of entities) {
      joinEntity(this.entities, key, entity);
      this.clock.observe(entity.ws || this.clock.last);
      for (const register of Object.values(entity.f)) for (const head of register.heads) this.clock.observe(head.s);
      touched += 1;
    }
    if (touched > 0) {
      this.cached = null;
      this.joined = true;
    }
    return touched;
  }

  /** The operations applied since the last call (and whether a snapshot was joined meanwhile). */
  takeApplied(): { ops: SyncOp[]; joined: boolean } {
    const out = { ops: this.applied, joined: this.joined };
    this.applied = [];
    this.joined = false;
    return out;
  }

  /** The operations for the local edits since the last round, already applied here. */
  record(data: SyncedData, filesOf: (item: Item) => Files, dirty: Dirty = null): SyncOp[] {
    const ops = observe(data, this.view, this.entities, this.clock, filesOf, dirty);
    this.apply(ops);
    return ops;
  }
}
