// Property tests of the merge: three replicas edit, tag, delete, import (sometimes the same
// article), annotate and link concurrently, and exchange operations in random orders, with
// duplicates and delays; afterwards every replica holds the same archive, and every field
// holds the newest value anyone wrote to it.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Item } from '../core/model';
import { tagKey } from '../core/tags';
import { MergeState } from './merge-state';
import { reconcile } from './reconcile';
import { fieldOf, losersOf, GONE, WHOLE, type SyncOp } from './crdt';
import type { SyncedData } from './observe';
import { buildView, type Files, type SyncView } from './view';

const DEVICES = ['00000000000000a1', '00000000000000b2', '00000000000000c3'];
const URLS = ['https://example.org/a', 'https://example.org/b?utm_source=x', 'https://example.org/c', null];
const NO_FILES: Files = { html: null, txt: null, assets: {} };

function newItem(id: string, url: string | null, title: string, now: string): Item {
  return {
    id,
    kind: 'article',
    title,
    byline: null,
    source: null,
    url,
    published: null,
    added: now,
    updated: now,
    language: 'en',
    excerpt: '',
    wordCount: 0,
    tags: [],
    readAt: null,
    archivedAt: null,
    favourite: false,
    progress: 0,
    content: { html: false, text: true },
    assets: [],
    textHash: null,
  };
}

interface Replica {
  data: SyncedData;
  state: MergeState;
  files: Map<string, Files>;
  /** The store keys this replica's edits touched since its last round (as the store's watchers report them). */
  dirty: Set<string>;
}

type Action =
  | { a: 'import'; r: number; id: number; url: number; title: string }
  | { a: 'title'; r: number; i: number; title: string }
  | { a: 'fav'; r: number; i: number }
  | { a: 'tag'; r: number; i: number; tag: string }
  | { a: 'untag'; r: number; i: number; tag: string }
  | { a: 'delete'; r: number; i: number }
  | { a: 'note'; r: number; i: number; id: number; text: string }
  | { a: 'editNote'; r: number; i: number; text: string }
  | { a: 'link'; r: number; i: number; j: number; id: number }
  | { a: 'setting'; r: number; value: number }
  | { a: 'round'; r: number; picks: number[] };

const r = fc.integer({ min: 0, max: 2 });
const idx = fc.nat(20);
const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ a: fc.constant('import' as const), r, id: fc.nat(0xffff), url: fc.nat(URLS.length - 1), title: word }),
  fc.record({ a: fc.constant('title' as const), r, i: idx, title: word }),
  fc.record({ a: fc.constant('fav' as const), r, i: idx }),
  fc.record({ a: fc.constant('tag' as const), r, i: idx, tag: fc.constantFrom('News', 'news', 'Science', 'later') }),
  fc.record({ a: fc.constant('untag' as const), r, i: idx, tag: fc.constantFrom('News', 'Science', 'later') }),
  fc.record({ a: fc.constant('delete' as const), r, i: idx }),
  fc.record({ a: fc.constant('note' as const), r, i: idx, id: fc.nat(0xffff), text: word }),
  fc.record({ a: fc.constant('editNote' as const), r, i: idx, text: word }),
  fc.record({ a: fc.constant('link' as const), r, i: idx, j: idx, id: fc.nat(0xffff) }),
  fc.record({ a: fc.constant('setting' as const), r, value: fc.nat(5) }),
  fc.record({ a: fc.constant('round' as const), r, picks: fc.array(fc.nat(10_000), { maxLength: 30 }) }),
);

/** Ids that cannot collide between replicas (as random ids do not in practice). */
const idFor = (replica: number, n: number, salt: number) =>
  (salt * 0x10 + replica).toString(16).padStart(8, '0') + n.toString(16).padStart(8, '0');

function run(actions: Action[], skews: number[], watched = false) {
  let time = 1_700_000_000_000;
  const replicas: Replica[] = DEVICES.map((d, i) => ({
    data: { items: [], notes: [], highlights: [], relations: [], tags: [], settings: {} },
    state: new MergeState(d, new Map(), () => time + skews[i]),
    files: new Map(),
    dirty: new Set<string>(),
  }));
  const log: SyncOp[] = [];
  const round = (rep: Replica, incoming: SyncOp[]) => {
    // Watched: only the records the edits touched are compared, as in a long-running host.
    log.push(
      ...rep.state.record(rep.data, (item) => rep.files.get(item.id) ?? NO_FILES, watched ? new Set(rep.dirty) : null),
    );
    rep.dirty.clear();
    rep.state.apply(incoming);
    const done = reconcile(rep.data, rep.state.view, (id) => rep.files.get(id) ?? NO_FILES);
    for (const [id, files] of done.files) rep.files.set(id, files);
  };
  for (const act of actions) {
    time += 7;
    const rep = replicas[act.r];
    const now = new Date(time).toISOString();
    const items = rep.data.items;
    const item = items.length ? items[('i' in act ? act.i : 0) % items.length] : undefined;
    switch (act.a) {
      case 'import': {
        const id = idFor(act.r, act.id, 1);
        if (!items.some((x) => x.id === id)) items.push(newItem(id, URLS[act.url], act.title, now));
        rep.dirty.add(`items:${id}`);
        break;
      }
      case 'title':
        if (item) Object.assign(item, { title: act.title, updated: now });
        if (item) rep.dirty.add(`items:${item.id}`);
        break;
      case 'fav':
        if (item) Object.assign(item, { favourite: !item.favourite, updated: now });
        if (item) rep.dirty.add(`items:${item.id}`);
        break;
      case 'tag':
        if (item && !item.tags.some((t) => tagKey(t) === tagKey(act.tag))) {
          item.tags = [...item.tags, act.tag];
          if (!rep.data.tags.some((t) => tagKey(t.name) === tagKey(act.tag)))
            rep.data.tags.push({ name: act.tag, color: null, created: now });
          rep.dirty.add(`items:${item.id}`).add('tags');
        }
        break;
      case 'untag':
        if (item) item.tags = item.tags.filter((t) => tagKey(t) !== tagKey(act.tag));
        if (item) rep.dirty.add(`items:${item.id}`);
        break;
      case 'delete':
        if (item) {
          rep.data.items = items.filter((x) => x !== item);
          rep.data.notes = rep.data.notes.filter((n) => n.itemId !== item.id);
          rep.data.relations = rep.data.relations.filter((l) => l.a !== item.id && l.b !== item.id);
          // What the core's deleteItem records: the item and everything that hung off it.
          rep.dirty.add(`items:${item.id}`);
          for (const n of rep.state.view.notes.values()) if (n.itemId === item.id) rep.dirty.add(`notes:${n.id}`);
          for (const l of rep.state.view.relations.values())
            if (l.a === item.id || l.b === item.id) rep.dirty.add(`relations:${l.id}`);
        }
        break;
      case 'note':
        if (item && !rep.data.notes.some((n) => n.id === idFor(act.r, act.id, 2)))
          rep.data.notes.push({
            id: idFor(act.r, act.id, 2),
            itemId: item.id,
            text: act.text,
            created: now,
            updated: now,
          });
        rep.dirty.add(`notes:${idFor(act.r, act.id, 2)}`);
        break;
      case 'editNote': {
        const note = rep.data.notes[act.i % Math.max(1, rep.data.notes.length)];
        if (note) Object.assign(note, { text: `${note.text} ${act.text}`, updated: now });
        if (note) rep.dirty.add(`notes:${note.id}`);
        break;
      }
      case 'link': {
        const other = items[act.j % Math.max(1, items.length)];
        if (item && other && other !== item) {
          const [a, b] = item.id < other.id ? [item.id, other.id] : [other.id, item.id];
          if (!rep.data.relations.some((l) => (l.a === a && l.b === b) || l.id === idFor(act.r, act.id, 3)))
            rep.data.relations.push({ id: idFor(act.r, act.id, 3), a, b, label: null, created: now });
          rep.dirty.add(`relations:${idFor(act.r, act.id, 3)}`);
        }
        break;
      }
      case 'setting':
        rep.data.settings.theme = ['light', 'dark', 'system', 'sepia', 'auto', 'none'][act.value];
        rep.dirty.add('settings');
        break;
      case 'round':
        // Whatever subset the engine has carried so far, in any order, some twice.
        round(rep, log.length ? act.picks.map((p) => log[p % log.length]) : []);
        break;
    }
  }
  // Everything arrives everywhere, eventually (twice over, so the last round's edits do too).
  for (let pass = 0; pass < 2; pass++) for (const rep of replicas) round(rep, [...log].reverse());
  for (const rep of replicas) round(rep, log);
  return { replicas, log };
}

const viewText = (view: SyncView) =>
  JSON.stringify(
    sortKeys(
      Object.fromEntries(
        Object.entries(view).map(([k, m]) => [
          k,
          [...(m as Map<string, unknown>)].sort(([a], [b]) => (a < b ? -1 : 1)),
        ]),
      ),
    ),
  );

/** Key order aside (JSON objects are unordered), the same document. */
const sortKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, sortKeys(x)]),
        )
      : v;
const canonical = (d: SyncedData) =>
  JSON.stringify(
    sortKeys({
      items: [...d.items].sort((a, b) => (a.id < b.id ? -1 : 1)),
      notes: [...d.notes].sort((a, b) => (a.id < b.id ? -1 : 1)),
      relations: [...d.relations].sort((a, b) => (a.id < b.id ? -1 : 1)),
      tags: d.tags,
      settings: d.settings,
    }),
  );

describe('the merge', () => {
  it('converges: three replicas, random edits and deliveries, identical archives and no newest write lost (comparing all records, or only those the edits touched)', () => {
    fc.assert(
      fc.property(
        fc.array(action, { minLength: 5, maxLength: 80 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        (actions, skews, watched) => {
          const { replicas, log } = run(actions, skews, watched);
          const first = canonical(replicas[0].data);
          for (const rep of replicas) expect(canonical(rep.data)).toBe(first);
          // The view kept up to date change by change is the view built afresh.
          for (const rep of replicas) expect(viewText(rep.state.view)).toBe(viewText(buildView(rep.state.entities)));
          // Nothing new to say after convergence.
          for (const rep of replicas)
            expect(rep.state.record(rep.data, (i) => rep.files.get(i.id) ?? NO_FILES)).toEqual([]);
          // Last writer wins, per field, by the brute-force reading of the whole log.
          const view = replicas[0].state.view;
          for (const [id, item] of view.items) {
            const members = new Set(view.members.get(id));
            for (const field of ['title', 'favourite']) {
              const writes = log.filter(
                (op) => members.has(op.e.slice(2)) && op.e.startsWith('i:') && (op.f === field || op.f === WHOLE),
              );
              const newest = writes.reduce((a, b) => (b.s > a.s ? b : a));
              const expected = newest.f === WHOLE ? (newest.v as Record<string, unknown>)[field] : newest.v;
              expect((item as Record<string, unknown>)[field]).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: Number(process.env.SYNC_RUNS ?? 300) },
    );
  });

  it('merges the same article imported on two machines into one item, keeping both sets of tags', () => {
    const { replicas } = run(
      [
        { a: 'import', r: 0, id: 1, url: 1, title: 'alpha' },
        { a: 'import', r: 1, id: 2, url: 1, title: 'alpha' },
        { a: 'tag', r: 0, i: 0, tag: 'News' },
        { a: 'tag', r: 1, i: 0, tag: 'Science' },
      ],
      [0, 0, 0],
    );
    for (const rep of replicas) {
      expect(rep.data.items).toHaveLength(1);
      expect([...rep.data.items[0].tags].sort()).toEqual(['News', 'Science']);
    }
  });

  it('keeps the losing value of a conflicting edit, and a later choice settles it everywhere', () => {
    const { replicas, log } = run(
      [
        { a: 'import', r: 0, id: 1, url: 0, title: 'alpha' },
        { a: 'round', r: 0, picks: [] },
        { a: 'round', r: 1, picks: [0] },
        { a: 'title', r: 0, i: 0, title: 'beta' },
        { a: 'title', r: 1, i: 0, title: 'gamma' },
      ],
      [0, 0, 0],
    );
    const id = replicas[0].data.items[0].id;
    for (const rep of replicas) {
      const entity = rep.state.entities.get(`i:${id}`)!;
      expect(fieldOf(entity, 'title')?.v).toBe('gamma');
      expect(losersOf(entity, 'title').map((h) => h.v)).toEqual(['beta']);
    }
    // Choosing (any new write that saw both) clears the conflict on every replica.
    const chooser = replicas[0];
    chooser.data.items[0].title = 'beta';
    const ops = chooser.state.record(chooser.data, () => NO_FILES);
    for (const rep of replicas.slice(1)) rep.state.apply([...log, ...ops]);
    for (const rep of replicas) expect(losersOf(rep.state.entities.get(`i:${id}`)!, 'title')).toEqual([]);
    expect(GONE).toBe('gone');
  });

  it('resolves a tag removed on one machine and added again on another the same way everywhere', () => {
    const { replicas } = run(
      [
        { a: 'import', r: 0, id: 1, url: 0, title: 'alpha' },
        { a: 'round', r: 0, picks: [] },
        { a: 'round', r: 1, picks: [0, 1, 2, 3] },
        { a: 'tag', r: 0, i: 0, tag: 'later' },
        { a: 'round', r: 0, picks: [] },
        { a: 'untag', r: 0, i: 0, tag: 'later' },
        // Replica 1 has not heard of the first tagging; its own comes after the removal.
        { a: 'tag', r: 1, i: 0, tag: 'Later' },
      ],
      [0, 0, 0],
    );
    for (const rep of replicas) expect(rep.data.items[0].tags).toEqual(['Later']);
  });
});
