import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { readFile, writeFile, readdir, rm, stat, appendFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { Store } from './store';
import { Archive } from './archive';
import { tempDir, draft } from './test-archive';
import { tagItem, untagItem, renameTag, setTagColor, deleteTag } from './tagging';
import { addItem, deleteItem, markRead, updateItem } from './items';
import { createNote, updateNote, deleteNote } from './notes';
import { link, unlink } from './relations';
import { createHighlight, deleteHighlight } from './highlights';
import { ARCHIVE_VERSION, type ArchiveData } from './model';

const dirs: string[] = [];
async function freshDir() {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** The archive's content with each collection in id order: replay may order records differently. */
function canonical(data: ArchiveData) {
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return {
    items: byId(data.items),
    notes: byId(data.notes),
    highlights: byId(data.highlights),
    relations: byId(data.relations),
    tags: [...data.tags].sort((a, b) => a.name.localeCompare(b.name)),
    settings: data.settings,
  };
}

/** What a crash leaves: the folder exactly as it is on disk now, opened by a new process. */
async function afterCrash(dir: string): Promise<string> {
  const copy = await freshDir();
  await cp(dir, copy, { recursive: true });
  return copy;
}

describe('the store', () => {
  it('writes compact, versioned JSON when it folds the journal', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    await addItem(archive, draft('One', 'Some text about trade between two countries.'));
    await archive.durable();
    await archive.store.fold();
    await archive.close();
    const raw = await readFile(path.join(dir, 'dossier.json'), 'utf8');
    expect(raw).not.toMatch(/\n\s/);
    const data = JSON.parse(raw);
    expect(data.version).toBe(ARCHIVE_VERSION);
    expect(data.items[0].title).toBe('One');
    expect(data.items[0]).not.toHaveProperty('text');
  });

  it('saves an edit as a journal record the size of the edit, not by rewriting dossier.json', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    const ids = [];
    for (let i = 0; i < 30; i++)
      ids.push(await addItem(archive, draft(`Item ${i}`, `Text number ${i} about ports and shipping.`)));
    await archive.durable();
    await archive.store.fold();
    const snapshot = await stat(path.join(dir, 'dossier.json'));
    const journalBefore = (await stat(path.join(dir, 'journal'))).size;
    tagItem(archive, ids[3], ['Shipping']);
    await archive.durable();
    expect((await stat(path.join(dir, 'dossier.json'))).mtimeMs).toBe(snapshot.mtimeMs);
    const grew = (await stat(path.join(dir, 'journal'))).size - journalBefore;
    expect(grew).toBeGreaterThan(0);
    expect(grew).toBeLessThan(2_000);
    await archive.close();
  });

  it('folds a burst of concurrent changes into one journal record (group commit)', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    const id = await addItem(archive, draft('One', 'Some text about trade between two countries.'));
    await archive.durable();
    const before = archive.store.writes;
    for (let i = 0; i < 50; i++) tagItem(archive, id, [`tag ${i}`]);
    await archive.durable();
    expect(archive.store.writes - before).toBe(1);
    await archive.close();
    const reopened = await Archive.open(dir);
    expect(reopened.item(id).tags).toHaveLength(50);
    await reopened.close();
  });

  it('keeps bodies out of dossier.json, in content/', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    const id = await addItem(
      archive,
      draft('One', 'The body lives in its own file.', { html: '<p>The body lives in its own file.</p>' }),
    );
    await archive.close();
    expect(await readFile(path.join(dir, 'content', `${id}.txt`), 'utf8')).toBe('The body lives in its own file.');
    expect(await readFile(path.join(dir, 'content', `${id}.html`), 'utf8')).toContain('<p>');
  });

  it('ignores a torn last record, which was never acknowledged, and appends after it', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    const id = await addItem(archive, draft('One', 'Text about a summit.'));
    tagItem(archive, id, ['Kept']);
    await archive.durable();
    const copy = await afterCrash(dir);
    await archive.close();
    await appendFile(path.join(copy, 'journal'), '1a2b3c4d {"seq":99,"at":"x","chan');
    const reopened = await Archive.open(copy);
    expect(reopened.item(id).tags).toEqual(['Kept']);
    tagItem(reopened, id, ['After']);
    await reopened.durable();
    await reopened.close();
    const again = await Archive.open(copy, { readOnly: true });
    expect(again.item(id).tags).toEqual(['Kept', 'After']);
    await again.close();
  });

  it('refuses a journal damaged before its last record, and leaves it untouched', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    const id = await addItem(archive, draft('One', 'Text about a summit.'));
    tagItem(archive, id, ['A']);
    await archive.durable();
    untagItem(archive, id, ['A']);
    await archive.durable();
    const copy = await afterCrash(dir);
    await archive.close();
    const file = path.join(copy, 'journal');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1].replace('"seq"', '"sEq"');
    const damaged = lines.join('\n');
    await writeFile(file, damaged);
    await expect(Archive.open(copy)).rejects.toThrow(
      /^The journal journal is damaged \(line 2 is not a whole record\).*dossier restore/,
    );
    expect(await readFile(file, 'utf8')).toBe(damaged);
  });

  it('never overwrites a corrupt dossier.json', async () => {
    const dir = await freshDir();
    const corrupt = '{"version":1,"items":[{"id":"0123456789abcdef"'; // cut short
    await writeFile(path.join(dir, 'dossier.json'), corrupt);
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'corrupt_archive' });
    await expect(Archive.open(dir)).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(await readFile(path.join(dir, 'dossier.json'), 'utf8')).toBe(corrupt);
    expect(await readdir(dir)).not.toContain('.lock');
  });

  it('reads a dossier.json that starts with a byte-order mark', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    await archive.store.fold();
    await archive.close();
    const file = path.join(dir, 'dossier.json');
    await writeFile(file, `\uFEFF${await readFile(file, 'utf8')}`);
    const reopened = await Archive.open(dir, { readOnly: true });
    expect(reopened.data.version).toBe(ARCHIVE_VERSION);
    await reopened.close();
  });

  it('refuses to read a folder that holds no archive, and creates nothing there', async () => {
    const dir = await freshDir();
    const missing = path.join(dir, 'typo');
    await expect(Archive.open(missing, { readOnly: true })).rejects.toThrow(/no archive at .*typo/);
    await expect(Archive.open(missing, { create: false })).rejects.toMatchObject({ code: 'not_found' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads while another store holds the lock, and a read writes nothing at all', async () => {
    const dir = await freshDir();
    const writer = await Archive.open(dir);
    const id = await addItem(writer, draft('One', 'Text about fishing quotas in the North Sea.'));
    await writer.durable();
    const listing = async () => {
      const out: Record<string, number> = {};
      for (const entry of await readdir(dir, { recursive: true })) {
        const s = await stat(path.join(dir, entry));
        out[entry] = s.isFile() ? s.mtimeMs + s.size : 0;
      }
      return out;
    };
    await writer.index.flush();
    const before = await listing();
    const reader = await Archive.open(dir, { readOnly: true });
    expect(reader.item(id).title).toBe('One');
    const found = await reader.index.query({ q: 'fishing quotas' });
    expect(found.hits.map((h) => h.id)).toContain(id);
    await reader.close();
    expect(await listing()).toEqual(before);
    await writer.close();
  });
});

describe('a crash at any moment', () => {
  type Op =
    | { kind: 'add'; n: number }
    | { kind: 'tag' | 'untag'; item: number; tag: number }
    | { kind: 'note' | 'editNote' | 'dropNote'; item: number }
    | { kind: 'link' | 'unlink'; a: number; b: number }
    | { kind: 'highlight' | 'dropHighlight'; item: number }
    | { kind: 'read' | 'retitle' | 'delete'; item: number }
    | { kind: 'renameTag' | 'colourTag' | 'deleteTag'; tag: number }
    | { kind: 'fold' };
  const tag = fc.integer({ min: 0, max: 4 });
  const item = fc.integer({ min: 0, max: 9 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 0, max: 1_000 }) }),
    fc.record({ kind: fc.constantFrom('tag' as const, 'untag' as const), item, tag }),
    fc.record({ kind: fc.constantFrom('note' as const, 'editNote' as const, 'dropNote' as const), item }),
    fc.record({ kind: fc.constantFrom('link' as const, 'unlink' as const), a: item, b: item }),
    fc.record({ kind: fc.constantFrom('highlight' as const, 'dropHighlight' as const), item }),
    fc.record({ kind: fc.constantFrom('read' as const, 'retitle' as const, 'delete' as const), item }),
    fc.record({ kind: fc.constantFrom('renameTag' as const, 'colourTag' as const, 'deleteTag' as const), tag }),
    fc.record({ kind: fc.constant('fold' as const) }),
  );

  async function run(archive: Archive, o: Op): Promise<void> {
    const items = archive.data.items;
    const pick = (i: number) => items[i % Math.max(1, items.length)]?.id;
    const tagName = (t: number) => ['Trade', 'Energy', 'Diplomacy', 'Grain', 'Ports'][t];
    try {
      switch (o.kind) {
        case 'add':
          await addItem(
            archive,
            draft(`Story ${o.n}`, `The text of story ${o.n} about grain, ports and energy.`, {
              tags: [tagName(o.n % 5)],
            }),
          );
          break;
        case 'tag':
          if (pick(o.item)) tagItem(archive, pick(o.item)!, [tagName(o.tag)]);
          break;
        case 'untag':
          if (pick(o.item)) untagItem(archive, pick(o.item)!, [tagName(o.tag)]);
          break;
        case 'note':
          if (pick(o.item)) createNote(archive, pick(o.item)!, `A note on ${o.item}`);
          break;
        case 'editNote': {
          const note = archive.data.notes[o.item % Math.max(1, archive.data.notes.length)];
          if (note) updateNote(archive, note.id, `${note.text} (edited)`);
          break;
        }
        case 'dropNote': {
          const note = archive.data.notes[o.item % Math.max(1, archive.data.notes.length)];
          if (note) deleteNote(archive, note.id);
          break;
        }
        case 'link':
          if (pick(o.a) && pick(o.b) && pick(o.a) !== pick(o.b)) link(archive, pick(o.a)!, pick(o.b)!, 'see also');
          break;
        case 'unlink':
          if (pick(o.a) && pick(o.b) && pick(o.a) !== pick(o.b)) unlink(archive, pick(o.a)!, pick(o.b)!);
          break;
        case 'highlight':
          if (pick(o.item)) await createHighlight(archive, { itemId: pick(o.item)!, quote: 'grain', start: 0, end: 5 });
          break;
        case 'dropHighlight': {
          const h = archive.data.highlights[o.item % Math.max(1, archive.data.highlights.length)];
          if (h) deleteHighlight(archive, h.id);
          break;
        }
        case 'read':
          if (pick(o.item)) markRead(archive, pick(o.item)!, true);
          break;
        case 'retitle':
          if (pick(o.item)) updateItem(archive, pick(o.item)!, { title: `Retitled ${o.item}` });
          break;
        case 'delete':
          if (pick(o.item)) await deleteItem(archive, pick(o.item)!);
          break;
        case 'renameTag':
          renameTag(archive, tagName(o.tag), `${tagName(o.tag)} (renamed)`);
          break;
        case 'colourTag':
          setTagColor(archive, tagName(o.tag), '#aa3300');
          break;
        case 'deleteTag':
          deleteTag(archive, tagName(o.tag));
          break;
        case 'fold':
          await archive.store.fold();
          break;
      }
    } catch (error) {
      if (!/no tag|not related|not in the item/i.test((error as Error).message)) throw error;
    }
  }

  it('loses no durable edit: the folder as it is on disk reopens to exactly the acknowledged state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const dir = await freshDir();
        const archive = await Archive.open(dir, { seed: undefined });
        try {
          for (const o of ops) await run(archive, o);
          await archive.durable();
          const expected = canonical(archive.data);
          const copy = await afterCrash(dir);
          const reopened = await Archive.open(copy);
          try {
            expect(canonical(reopened.data)).toEqual(expected);
          } finally {
            await reopened.close();
          }
        } finally {
          await archive.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
