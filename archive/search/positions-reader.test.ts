import { afterEach, describe, expect, it } from 'vitest';
import { readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Engine } from './engine';
import { readManifest, type Manifest } from './manifest';
import { readSegment } from './segment-store';
import { item, metasOf, tempArchive, type Fixture, type TempArchive } from './test-fixtures';

const WORDS = ['harbour', 'strike', 'grain', 'prices', 'ferry', 'route', 'council', 'budget', 'river', 'flood', 'port', 'fees'];
/** Items whose bodies repeat the same words in different orders, so pairs have several positions. */
const ITEMS: Fixture[] = Array.from({ length: 40 }, (_, i) => {
  const words = Array.from({ length: 30 + (i % 7) * 5 }, (_, k) => WORDS[(i * 7 + k * k) % WORDS.length]);
  return item({ id: `p${String(i).padStart(2, '0')}`, title: `${WORDS[i % WORDS.length]} ${WORDS[(i + 3) % WORDS.length]} report`, body: words.join(' ') + '.', stamp: '1' });
});
const QUERIES = ['harbour strike', 'grain prices', 'ferry route council', 'port fees rise', 'river flood budget harbour'];

let arch: TempArchive | null = null;
const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  await arch?.cleanup();
  arch = null;
});

/** A persisted index of ITEMS, and its manifest. */
async function storedIndex(): Promise<{ arch: TempArchive; manifest: Manifest }> {
  arch = await tempArchive(ITEMS);
  const writer = new Engine({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(ITEMS) });
  await writer.open();
  await writer.flush();
  await writer.close();
  const manifest = await readManifest(arch.dir);
  if (!manifest || manifest === 'other-version') throw new Error('no manifest');
  return { arch, manifest };
}

describe('positions read pair by pair', () => {
  it('gives every (term, item) pair exactly the positions the whole file holds, without loading it', async () => {
    const { arch, manifest } = await storedIndex();
    expect(manifest.segments.length).toBeGreaterThan(0);
    let pairs = 0;
    for (const e of manifest.segments) {
      const whole = await readSegment(arch.dir, e);
      const lazy = await readSegment(arch.dir, e, true);
      for (let t = 0; t < whole.terms.length; t++) {
        for (let d = 0; d < whole.size; d++) {
          const expected = whole.positionsOf(t, d);
          expect(Array.from(lazy.positionsOf(t, d)), `${whole.terms[t]} in ${whole.ids[d]}`).toEqual(Array.from(expected));
          if (expected.length > 0) pairs++;
        }
      }
      // The lazy segment never loaded the file whole.
      expect(Reflect.get(lazy, 'streamData')).toBeNull();
    }
    expect(pairs).toBeGreaterThan(200);
  });

  it('ranks exactly as the writer does, in a read-only engine', async () => {
    const { arch } = await storedIndex();
    const writer = new Engine({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(ITEMS) });
    const reader = new Engine({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(ITEMS), readOnly: true });
    engines.push(writer, reader);
    await writer.open();
    await reader.open();
    for (const q of QUERIES) {
      const [a, b] = [await writer.query({ q, limit: 50 }), await reader.query({ q, limit: 50 })];
      expect(a.total, q).toBeGreaterThan(1);
      expect(b.hits.map((h) => [h.id, h.score]), q).toEqual(a.hits.map((h) => [h.id, h.score]));
    }
  });

  it('refuses a damaged positions file rather than reading garbage, and the search still answers', async () => {
    const { arch, manifest } = await storedIndex();
    const pos = path.join(arch.dir, (await readdir(arch.dir)).find((f) => f.endsWith('.pos'))!);
    const bytes = await readFile(pos);
    await truncate(pos, Math.floor(bytes.length * 0.6));
    const lazy = await readSegment(arch.dir, manifest.segments[0], true);
    const t = lazy.find(lazy.terms.find((term) => term.endsWith('harbour'))!);
    expect(() => {
      for (let d = 0; d < lazy.size; d++) lazy.positionsOf(t, d);
    }).toThrow(/positions file/);
    // Shuffled bytes in the header: not a positions file at all.
    await writeFile(pos, Buffer.concat([Buffer.from('garbage'), bytes.subarray(7)]));
    const reader = new Engine({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(ITEMS), readOnly: true });
    engines.push(reader);
    await reader.open();
    const r = await reader.query({ q: 'harbour strike' });
    expect(r.total).toBeGreaterThan(1);
    expect(r.notice).toMatch(/rebuilt/);
  });
});
