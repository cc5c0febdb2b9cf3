import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BaseSegments } from './base-segments';
import { buildSegment } from './build';
import { PositionCache } from './positions';
import { storeSegment } from './segment-store';
import { analysedItem } from './test-fixtures';

/** A segment of `n` items, as a worker builds one. */
function built(prefix: string, n: number) {
  const docs = Array.from({ length: n }, (_, i) =>
    analysedItem({ id: `${prefix}${i}`, title: `Item ${i}`, body: `Text of item ${prefix}${i}.` }),
  );
  return buildSegment(docs);
}

const names = async (dir: string) =>
  new Set((await readdir(dir)).filter((f) => /\.(seg|pos)$/.test(f)).map((f) => f.replace(/\.(seg|pos)$/, '')));

describe('stray segment files', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a write keeps files a worker stored but the engine has not adopted yet, and removes replaced and older ones', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-strays-'));
    // A file left from an earlier session (older than this open), never named by a manifest.
    const old = built('old', 3);
    const leftover = await storeSegment(dir, old.data, old.stream);
    const past = new Date(Date.now() - 60_000);
    for (const ext of ['seg', 'pos']) await utimes(path.join(dir, `${leftover.name}.${ext}`), past, past);

    const base = new BaseSegments(dir, () => 0, new PositionCache(1 << 20));
    const a = built('a', 3);
    const b = built('b', 3);
    const aStored = await storeSegment(dir, a.data, a.stream);
    const bStored = await storeSegment(dir, b.data, b.stream);
    const segA = base.adopt({ data: a.data, stream: null }, aStored);
    base.adopt({ data: b.data, stream: null }, bStored);
    // A build on a worker has written its files; its message has not been handled yet.
    const pending = built('p', 3);
    const pendingStored = await storeSegment(dir, pending.data, pending.stream);
    await base.write();
    let now = await names(dir);
    expect(now.has(aStored.name) && now.has(bStored.name)).toBe(true);
    expect(now.has(pendingStored.name)).toBe(true);
    expect(now.has(leftover.name)).toBe(false);

    // Adopted at last, it stays; a segment merged away (all its items dead) goes.
    base.adopt({ data: pending.data, stream: null }, pendingStored);
    segA.alive.fill(0);
    base.planCompaction(0);
    await base.write();
    now = await names(dir);
    expect(now.has(pendingStored.name) && now.has(bStored.name)).toBe(true);
    expect(now.has(aStored.name)).toBe(false);
  });
});
