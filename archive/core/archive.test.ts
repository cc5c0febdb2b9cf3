import { describe, it, expect } from 'vitest';
import { readdir } from 'node:fs/promises';
import { tempArchive, draft } from './test-archive';
import { addItem, deleteItem, markRead, updateItem } from './items';
import { link, unlink } from './relations';
import { createNote, updateNote, deleteNote } from './notes';
import { createHighlight, deleteHighlight } from './highlights';
import { tagItem, untagItem, renameTag, mergeTags, deleteTag, listTags } from './tagging';
import { verifyArchive } from './verify';

const TEXT_A = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';
const TEXT_B = 'Trade between the two countries grew, with cars and smartphones popular with consumers.';

describe('relations', () => {
  it('are symmetric: a link shows from both sides, once', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    const a = await addItem(archive, draft('A', TEXT_A));
    const b = await addItem(archive, draft('B', TEXT_B));
    link(archive, a, b, 'background');
    link(archive, b, a, 'follow-up');
    expect(archive.data.relations).toHaveLength(1);
    expect(archive.relatedOf(a)).toEqual([expect.objectContaining({ id: b, label: 'follow-up' })]);
    expect(archive.relatedOf(b)).toEqual([expect.objectContaining({ id: a, label: 'follow-up' })]);
    unlink(archive, b, a);
    expect(archive.relatedOf(a)).toEqual([]);
    expect(() => link(archive, a, a)).toThrow(/itself/);
    await cleanup();
  });
});

describe('deleting an item', () => {
  it('removes its relations, notes, highlights and content', async () => {
    const { archive, dir, cleanup } = await tempArchive({ seeded: false });
    const a = await addItem(archive, draft('A', TEXT_A, { html: '<p>A</p>' }));
    const b = await addItem(archive, draft('B', TEXT_B));
    link(archive, a, b);
    createNote(archive, a, 'A note');
    await createHighlight(archive, { itemId: a, quote: 'Wang Yi', start: 0, end: 7 });
    await deleteItem(archive, a);
    expect(archive.has(a)).toBe(false);
    expect(archive.data.relations).toEqual([]);
    expect(archive.data.notes).toEqual([]);
    expect(archive.data.highlights).toEqual([]);
    expect((await readdir(`${dir}/content`)).filter((f) => f.startsWith(a))).toEqual([]);
    expect(archive.relatedOf(b)).toEqual([]);
    expect((await verifyArchive(archive)).ok).toBe(true);
    await cleanup();
  });
});

describe('notes and highlights', () => {
  it('attach to an item, update and delete', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    const a = await addItem(archive, draft('A', TEXT_A));
    const note = createNote(archive, a, 'Check the **trade** figures');
    updateNote(archive, note.id, 'Check the trade figures again');
    expect(archive.view(a).notes.map((n) => n.text)).toEqual(['Check the trade figures again']);
    deleteNote(archive, note.id);
    expect(archive.view(a).notes).toEqual([]);
    expect(() => createNote(archive, a, '   ')).toThrow(/empty/);
    await cleanup();
  });

  it('locate the quote in the text, even when the offsets are stale', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    const a = await addItem(archive, draft('A', TEXT_A));
    const h = await createHighlight(archive, {
      itemId: a,
      quote: 'China and Russia',
      start: 0,
      end: 16,
      comment: ' key ',
    });
    expect(TEXT_A.slice(h.start, h.end)).toBe('China and Russia');
    expect(h.comment).toBe('key');
    await expect(createHighlight(archive, { itemId: a, quote: 'not in the text', start: 0, end: 15 })).rejects.toThrow(
      /not in/,
    );
    deleteHighlight(archive, h.id);
    expect(archive.highlightsOf(a)).toEqual([]);
    await cleanup();
  });
});

describe('tags on items', () => {
  it('normalise, rename, merge and delete', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    const a = await addItem(archive, draft('A', TEXT_A));
    const b = await addItem(archive, draft('B', TEXT_B));
    tagItem(archive, a, ['China–Russia', ' diplomacy ']);
    tagItem(archive, b, ['DIPLOMACY', 'Trade']);
    expect(archive.item(b).tags).toEqual(['diplomacy', 'Trade']);
    expect(listTags(archive).find((t) => t.name === 'diplomacy')?.count).toBe(2);
    renameTag(archive, 'diplomacy', 'Diplomacy');
    expect(archive.item(a).tags).toEqual(['China–Russia', 'Diplomacy']);
    mergeTags(archive, ['Trade'], 'Diplomacy');
    expect(archive.item(b).tags).toEqual(['Diplomacy']);
    expect(listTags(archive).map((t) => t.name)).toEqual(['Diplomacy', 'China–Russia']);
    renameTag(archive, 'China–Russia', 'diplomacy'); // renaming onto an existing tag merges
    expect(archive.item(a).tags).toEqual(['Diplomacy']);
    deleteTag(archive, 'Diplomacy');
    expect(archive.item(a).tags).toEqual([]);
    untagItem(archive, a, ['nothing']);
    expect(listTags(archive)).toEqual([]);
    await cleanup();
  });
});

describe('items', () => {
  it('edit their metadata and read state', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    const a = await addItem(archive, draft('A', TEXT_A));
    updateItem(archive, a, { title: '  New  title ', source: 'MENAFN' });
    expect(archive.item(a)).toMatchObject({ title: 'New title', source: 'MENAFN' });
    expect(() => updateItem(archive, a, { title: ' ' })).toThrow(/empty/);
    markRead(archive, a, true);
    expect(archive.item(a).readAt).not.toBeNull();
    markRead(archive, a, false);
    expect(archive.item(a).readAt).toBeNull();
    await cleanup();
  });
});

describe('a new archive', () => {
  it('holds the seed article and a welcome note linked to it', async () => {
    const { archive, cleanup } = await tempArchive();
    const [article, note] = [
      archive.data.items.find((i) => i.kind === 'article'),
      archive.data.items.find((i) => i.kind === 'note'),
    ];
    expect(article).toMatchObject({ published: '2024-10-06', source: 'MENAFN' });
    expect(article?.title).not.toMatch(/MENAFN|^date/);
    expect(note?.title).toBe('Welcome to Dossier');
    expect(archive.relatedOf(article!.id).map((r) => r.id)).toEqual([note!.id]);
    const body = await archive.store.readContent(article!.id, 'txt');
    expect(body).toMatch(/^China’s Foreign Minister, Wang Yi/);
    await cleanup();
  });
});
