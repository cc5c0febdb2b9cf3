import { describe, it, expect } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { Archive } from './archive';
import { tempDir, draft } from './test-archive';
import { addItem, updateItem } from './items';
import { createNote } from './notes';
import { tagItem } from './tagging';
import { dispatch } from '../api/dispatch';
import { crc32 } from 'node:zlib';
import { decodeSections, encodeSections } from '../search/sections-file';
import { inSegmentOrder, type CatalogColumns } from './catalog-columns';
import { readCatalog, writeCatalog } from './search-catalog';
import { listBackups } from './backups';
import type { SearchMeta } from '../search/types';

const TEXT = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';

/** An archive with three items (one tagged, one with a note, one a bookmark), closed by its writer. */
async function closedArchive(): Promise<string> {
  const dir = await tempDir();
  const archive = await Archive.open(dir);
  const a = await addItem(archive, draft('Beijing and Moscow', TEXT, { source: 'Reuters', published: '2024-05-16' }));
  await addItem(archive, draft('Grain exports', 'Russia sells grain to China across the Amur river.'));
  await addItem(
    archive,
    draft('A bookmark on Russia', '', { kind: 'bookmark', url: 'https://example.org/r', excerpt: 'Russia and trade' }),
  );
  tagItem(archive, a, ['China–Russia']);
  createNote(archive, a, 'Compare with the 2019 visit to Russia.');
  await archive.close();
  return dir;
}

const search = async (archive: Archive, q: string, sort?: 'newest' | 'oldest' | 'added' | 'title') => {
  const out = await dispatch(archive, 'search.query', { q, limit: 50, sort });
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
};

describe('the index catalog', () => {
  it('answers a reader’s search without reading dossier.json, exactly as a full open does', async () => {
    const dir = await closedArchive();
    await expect(fs.stat(path.join(dir, 'index', 'catalog'))).resolves.toBeTruthy();
    const full = await Archive.open(dir, { readOnly: true });
    const lazy = await Archive.open(dir, { readOnly: true, searchFirst: true });
    // Opened from the catalog: the metadata has not been read.
    expect(() => lazy.data).toThrow(/before it was loaded/);
    // Sorted by date (published, else added) from the catalog's columns (no item's
    // metadata made yet), as from the items.
    for (const sort of ['newest', 'oldest', 'added'] as const) {
      for (const q of ['', 'russia']) {
        const expected = await search(full, q, sort);
        expect(expected.hits.length, `${q} ${sort}`).toBeGreaterThan(1);
        expect(
          (await search(lazy, q, sort)).hits.map((h) => h.id),
          `${q} ${sort}`,
        ).toEqual(expected.hits.map((h) => h.id));
      }
    }
    for (const q of ['russia', 'tag:china–russia', 'trade', '"unprecedented level"', 'compare visit', 'has:notes']) {
      const expected = await search(full, q);
      expect(expected.total).toBeGreaterThan(0);
      expect(await search(lazy, q)).toEqual(expected);
    }
    expect(() => lazy.data).toThrow(/before it was loaded/);
    // Any other method reads it first.
    const listed = await dispatch(lazy, 'items.list', {});
    expect(listed.ok && listed.value.items.map((i) => i.title).sort()).toEqual(
      full.data.items.map((i) => i.title).sort(),
    );
    expect(lazy.data.items).toHaveLength(3);
    await full.close();
    await lazy.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is not used once the archive has changed since it was written', async () => {
    const dir = await closedArchive();
    const catalog = await fs.readFile(path.join(dir, 'index', 'catalog'));
    // A writer that edits and is killed before it closes leaves the old catalog behind.
    const writer = await Archive.open(dir);
    const id = writer.data.items.find((i) => i.title === 'Grain exports')!.id;
    await updateItem(writer, id, { title: 'Soybean exports' });
    await writer.durable();
    await writer.close();
    await fs.writeFile(path.join(dir, 'index', 'catalog'), catalog);

    const reader = await Archive.open(dir, { readOnly: true, searchFirst: true });
    expect(reader.data.items.some((i) => i.title === 'Soybean exports')).toBe(true);
    const hits = (await search(reader, 'soybean')).hits;
    expect(hits.map((h) => h.title)).toEqual(['Soybean exports']);
    await reader.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the notes of an item that has some as a snippet, read from the catalog when the hit is made', async () => {
    const dir = await closedArchive();
    const lazy = await Archive.open(dir, { readOnly: true, searchFirst: true });
    // "visit" is only in the note of the first item.
    const [noted] = (await search(lazy, 'visit')).hits;
    expect(noted.title).toBe('Beijing and Moscow');
    const marked = noted.snippets.flatMap((s) => s.marks.map(([a, b]) => s.text.slice(a, b)));
    expect(marked).toContain('visit');
    expect(noted.snippets.some((s) => s.text.includes('Compare with the 2019 visit'))).toBe(true);
    // An item without notes is shown by its body alone.
    const [plain] = (await search(lazy, 'amur')).hits;
    expect(plain.snippets.map((s) => s.text)).toEqual([expect.stringContaining('Amur')]);
    await lazy.close();
  });

  it('is ignored when damaged or foreign, and a damaged line of long fields only loses a snippet', async () => {
    const dir = await closedArchive();
    const file = path.join(dir, 'index', 'catalog');
    const good = await fs.readFile(file);
    const lineEnd = good.indexOf(0x0a);
    const header = JSON.parse(good.toString('utf8', 0, lineEnd)) as { bodyBytes: number; crc: number };
    const bodyAt = lineEnd + 1;
    const body = good.subarray(bodyAt, bodyAt + header.bodyBytes);
    const texts = good.subarray(bodyAt + header.bodyBytes);
    const expected = await (async () => {
      const a = await Archive.open(dir, { readOnly: true });
      const r = await search(a, 'russia');
      await a.close();
      return r;
    })();
    /** A catalog of these sections, with a header that vouches for them. */
    const catalogOf = (sections: ReturnType<typeof decodeSections>, changes: object = {}) => {
      const bytes = encodeSections('dossier-catalog', sections.text, sections.arrays);
      const head = { ...header, bodyBytes: bytes.length, crc: crc32(bytes), ...changes };
      return Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), bytes, texts]);
    };
    const hostile = (change: (s: ReturnType<typeof decodeSections>) => void) => {
      const sections = decodeSections(Buffer.from(body), 'dossier-catalog');
      change(sections);
      return catalogOf(sections);
    };

    const cases: Record<string, Buffer | string> = {
      truncated: good.subarray(0, good.length / 2),
      'not a catalog': 'garbage\n[[',
      'an older format': catalogOf(decodeSections(Buffer.from(body), 'dossier-catalog'), { format: 1 }),
      'a flipped byte': Buffer.concat([
        good.subarray(0, bodyAt + 40),
        Buffer.from([good[bodyAt + 40] ^ 1]),
        good.subarray(bodyAt + 41),
      ]),
      'a kind out of range': hostile((s) => ((s.arrays.kind as Int32Array)[0] = 99)),
      'a kind it does not know': hostile((s) => {
        const values = JSON.parse(s.text.values) as Record<string, string[]>;
        values.kind[0] = 'weapon';
        s.text.values = JSON.stringify(values);
      }),
      'a string running past its end': hostile((s) => ((s.arrays.titleStarts as Uint32Array)[3] = 1e6)),
      'a column too short': hostile((s) => (s.arrays.flags = new Uint8Array(2))),
    };
    for (const [what, bytes] of Object.entries(cases)) {
      await fs.writeFile(file, bytes);
      const reader = await Archive.open(dir, { readOnly: true, searchFirst: true });
      expect(reader.data.items, what).toHaveLength(3); // read from dossier.json instead
      expect(await search(reader, 'russia'), what).toEqual(expected);
      await reader.close();
    }

    // The lines of long fields spoilt (same length, so the other lines stay where they were).
    const spoilt = Buffer.from(texts.toString('utf8').replace(/[^\n]/g, '#'));
    await fs.writeFile(file, Buffer.concat([good.subarray(0, bodyAt + header.bodyBytes), spoilt]));
    const reader = await Archive.open(dir, { readOnly: true, searchFirst: true });
    expect(() => reader.data).toThrow(/before it was loaded/);
    const result = await search(reader, 'russia');
    expect(result.hits.map((h) => h.id).sort()).toEqual(expected.hits.map((h) => h.id).sort());
    await reader.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says where each item is live in the index, and is still right when the index has changed since', async () => {
    const dir = await closedArchive();
    const file = path.join(dir, 'index', 'catalog');
    const header = (bytes: Buffer) => JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(0x0a))) as { index: unknown };
    const old = await fs.readFile(file);
    const manifest = await fs.readFile(path.join(dir, 'index', 'manifest.json'));
    expect(header(old).index).toBe(crc32(manifest));
    const expected = async () => {
      const a = await Archive.open(dir, { readOnly: true });
      const r = await Promise.all(['russia', 'grain', 'tag:china–russia'].map((q) => search(a, q)));
      await a.close();
      return r;
    };
    const before = await expected();

    // The index rebuilt by a writer that edits nothing: the archive is in the same state, and
    // the catalog it saves is of the new index.
    const writer = await Archive.open(dir);
    await writer.reopenIndex({ discard: true });
    await writer.index.flush();
    await writer.close();
    const rewritten = await fs.readFile(file);
    expect(header(rewritten).index).not.toBe(header(old).index);
    expect(await expected()).toEqual(before);

    // The old catalog put back: it is of the archive's state but not of the index; its
    // placement is not used, and the reader works out where each item is.
    await fs.writeFile(file, old);
    const reader = await Archive.open(dir, { readOnly: true, searchFirst: true });
    expect(() => reader.data).toThrow(/before it was loaded/);
    const got = await Promise.all(['russia', 'grain', 'tag:china–russia'].map((q) => search(reader, q)));
    expect(got).toEqual(before);
    await reader.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is written once per state, and not by a reader', async () => {
    const dir = await closedArchive();
    const file = path.join(dir, 'index', 'catalog');
    const before = await fs.stat(file);
    const reader = await Archive.open(dir, { readOnly: true, searchFirst: true });
    await reader.close();
    const writer = await Archive.open(dir);
    await writer.close();
    expect((await fs.stat(file)).mtimeMs).toBe(before.mtimeMs);
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back every item’s fields from a catalog written in many pieces, a line longer than one of them too', async () => {
    const dir = await tempDir();
    const files = {
      dir,
      dataFile: path.join(dir, 'dossier.json'),
      journalFile: path.join(dir, 'journal'),
      indexDir: path.join(dir, 'index'),
    };
    await fs.writeFile(files.dataFile, '{"state":"as written"}');
    const metas: SearchMeta[] = Array.from({ length: 4321 }, (_, i) => ({
      id: `item${i}`,
      kind: 'article',
      title: `Título ${i} — 東京 🗞`,
      tags: [],
      source: null,
      byline: i % 2 ? `Reporter ${i}` : null,
      // Two bytes a letter: some 1.2 MB, past the writer's buffer of lines.
      notes: i % 1000 === 7 ? 'ж'.repeat(600_000) : `Notes on item ${i}, with “quotes” and a line\nbreak.`,
      url: `https://example.org/${i}`,
      excerpt: `Excerpt ${i}`,
      published: null,
      added: '2024-05-16T00:00:00.000Z',
      language: 'en',
      hasNotes: true,
      hasHighlights: false,
      unread: true,
      stamp: `s${i}`,
    }));
    await writeCatalog(files, () => metas);
    const columns = (await readCatalog(files)) as CatalogColumns;
    expect(columns.count).toBe(metas.length);
    for (let i = 0; i < metas.length; i++) {
      const m = columns.meta(i);
      expect([m.id, m.title, m.byline, m.notes, m.url, m.excerpt]).toEqual([
        metas[i].id,
        metas[i].title,
        metas[i].byline,
        metas[i].notes,
        metas[i].url,
        metas[i].excerpt,
      ]);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps items in the order the stored segments hold them live, then the rest in their own order', () => {
    const metas = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }) as SearchMeta);
    const layout = {
      manifestCrc: 1,
      segments: [
        // "b" is dead here and live in the second segment; "x" is not an item any more.
        { name: 's1', ids: ['e', 'b', 'x', 'c'], alive: Uint8Array.from([1, 0, 1, 1]) },
        { name: 's2', ids: ['b', 'a'], alive: Uint8Array.from([1, 1]) },
      ],
    };
    expect(inSegmentOrder(metas, layout).map((m) => m.id)).toEqual(['e', 'c', 'b', 'a', 'd', 'f']);
    expect(inSegmentOrder(metas, null)).toBe(metas);
  });

  it('lets a writer answer searches before it has read dossier.json, which it reads in the background', async () => {
    const dir = await closedArchive();
    const writer = await Archive.open(dir, { searchFirst: true });
    expect((await search(writer, 'russia')).total).toBe(3);
    await writer.loaded();
    expect(writer.data.items).toHaveLength(3);
    const grain = (await search(writer, 'grain')).hits[0].id;
    const tagged = await dispatch(writer, 'tags.add', { id: grain, tags: ['Amur'] });
    expect(tagged.ok).toBe(true);
    expect((await search(writer, 'tag:amur')).total).toBe(1);
    await writer.close();
    const again = await Archive.open(dir);
    expect(again.item(grain).tags).toContain('Amur');
    await again.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves a damaged dossier.json as it was when a writer finds it only after opening', async () => {
    const dir = await closedArchive();
    // The items folded into dossier.json (they were in the journal), and the catalog saved again.
    const folder = await Archive.open(dir);
    await folder.store.fold();
    await folder.close();
    const file = path.join(dir, 'dossier.json');
    // The same size and the same last bytes: the catalog still looks like this state's.
    const bytes = await fs.readFile(file);
    expect(bytes.indexOf('"Grain exports"')).toBeGreaterThan(0);
    bytes[bytes.indexOf('"Grain exports"')] = '#'.charCodeAt(0);
    await fs.writeFile(file, bytes);
    const writer = await Archive.open(dir, { searchFirst: true });
    expect((await search(writer, 'grain')).total).toBe(1);
    const listed = await dispatch(writer, 'items.list', { limit: 5 });
    expect(listed.ok).toBe(false);
    if (!listed.ok) {
      expect(listed.error.code).toBe('corrupt_archive');
      expect(listed.error.message).toMatch(/^dossier\.json is not valid JSON .*left untouched/);
    }
    await writer.close();
    expect(await fs.readFile(file)).toEqual(bytes);
    // The lock was let go: the next writer opens, and is told the same.
    await expect(Archive.open(dir)).rejects.toThrow(/dossier\.json is not valid JSON/);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps an edit sent while a writer is still reading dossier.json, and backs up the state it read', async () => {
    const dir = await closedArchive();
    const writer = await Archive.open(dir, { searchFirst: true });
    // Sent at once, before the read is done: the edit waits for it, then is durable as ever.
    const id = (await search(writer, 'grain')).hits[0].id;
    const [tagged, listed] = await Promise.all([
      dispatch(writer, 'tags.add', { id, tags: ['Early'] }),
      dispatch(writer, 'items.list', { limit: 10 }),
    ]);
    expect(tagged.ok).toBe(true);
    expect(listed.ok && listed.value.items).toHaveLength(3);
    await writer.close();
    const [backup] = await listBackups(dir);
    expect(backup).toMatchObject({ reason: 'open', items: 3, valid: true });
    const again = await Archive.open(dir);
    expect(again.item(id).tags).toContain('Early');
    await again.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets go of the archive when closed before its read of dossier.json is done', async () => {
    const dir = await closedArchive();
    const before = await fs.readFile(path.join(dir, 'dossier.json'));
    const writer = await Archive.open(dir, { searchFirst: true });
    await writer.close();
    const next = await Archive.open(dir, { lockWaitMs: 0 });
    expect(next.data.items).toHaveLength(3);
    await next.close();
    expect(await fs.readFile(path.join(dir, 'dossier.json'))).toEqual(before);
    await rm(dir, { recursive: true, force: true });
  });
});
