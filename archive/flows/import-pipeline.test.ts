// Many files imported at once give what importing them one at a time gives: items in the
// order of the files, duplicates within the import and against the archive skipped with the
// same reasons, bad files named, no body left behind by a draft that was written ahead and
// then found to be a duplicate, and every item on disk when the call answers.
import { describe, it, expect } from 'vitest';
import { strToU8 } from 'fflate';
import { Archive } from '../core/archive';
import { tempArchive, draft } from '../core/test-archive';
import { addItem, deleteItem, updateItem } from '../core/items';
import { importFiles, importDrafts } from './importing';
import { writeBundle } from '../core/bundle';
import { verifyArchive } from '../core/verify';
import { duplicateIndex } from '../core/duplicate-index';
import { textHash } from '../core/text-stats';
import { parseSourceFile } from '../interop/registry';
import type { ParsedFile, SourceFile } from '../interop/types';

const story = (i: number) =>
  `Story ${i}: the harbour council met on Tuesday to talk about ferries, fish and the new bridge number ${i}.`;
const txt = (name: string, text: string): SourceFile => ({ name, bytes: strToU8(text) });

/** The registry's parser, answering after a random delay: later files often finish first. */
function shuffled(seed = 7): (file: SourceFile) => Promise<ParsedFile> {
  let s = seed;
  return async (file) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    await new Promise((r) => setTimeout(r, s % 15));
    return parseSourceFile(file);
  };
}

describe('importing many files at once', () => {
  it('adds items in the order of the files and skips duplicates and bad files as one-by-one would', async () => {
    const { archive, dir, cleanup } = await tempArchive({ seeded: false });
    try {
      await addItem(archive, draft('Already here', story(1000)));
      const files = [
        ...Array.from({ length: 40 }, (_, i) => txt(`s${i}.txt`, `Title ${i}\n\n${story(i)}`)),
        txt('again-3.txt', `Another title\n\n${story(3).toUpperCase()}`), // same text as s3.txt, but for case
        txt('empty.txt', ''),
        txt('old.txt', `Old one\n\n${story(1000)}`),
        txt('binary.txt', new TextDecoder().decode(new Uint8Array(64))),
        txt('last.txt', `Last\n\n${story(41)}`),
      ];
      const progress: number[] = [];
      const summary = await importFiles(archive, files, shuffled(), (done) => progress.push(done));
      expect(summary.imported).toHaveLength(41);
      expect(summary.imported.map((id) => archive.item(id).title)).toEqual([
        ...Array.from({ length: 40 }, (_, i) => `Title ${i}`),
        'Last',
      ]);
      expect(summary.skipped.map((s) => s.file)).toEqual(['again-3.txt', 'empty.txt', 'old.txt', 'binary.txt']);
      expect(summary.skipped[0].reason).toBe('already in the archive as “Title 3”');
      expect(summary.skipped[2].reason).toBe('already in the archive as “Already here”');
      expect(summary.skipped[1].reason).toMatch(/empty/);
      expect(progress).toEqual(files.map((_, i) => i + 1));
      // The archive's list is in the same order, and nothing was left in content/.
      expect(archive.data.items.slice(1).map((i) => i.id)).toEqual(summary.imported);
      const report = await verifyArchive(archive);
      expect(report.problems).toEqual([]);
      expect(report.leftovers).toEqual([]);
      // On disk once the call has answered and the writes are durable.
      await archive.durable();
      await archive.close();
      const again = await Archive.open(dir, { readOnly: true });
      expect(again.data.items.map((i) => i.id)).toEqual(archive.data.items.map((i) => i.id));
      await again.close();
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('removes the bodies written ahead for a file a bundle before it turns into a duplicate', async () => {
    const source = await tempArchive({ seeded: false });
    const { archive, cleanup } = await tempArchive({ seeded: false });
    try {
      await addItem(source.archive, draft('From the bundle', story(7)));
      const bundle = { name: 'old.dossier', bytes: await writeBundle(source.archive) };
      // The file after the bundle is read and written while the bundle waits its turn.
      const summary = await importFiles(
        archive,
        [txt('first.txt', `First\n\n${story(1)}`), bundle, txt('twin.txt', `Twin\n\n${story(7)}`)],
        shuffled(3),
      );
      expect(summary.imported.map((id) => archive.item(id).title)).toEqual(['First', 'From the bundle']);
      expect(summary.skipped).toEqual([{ file: 'twin.txt', reason: 'already in the archive as “From the bundle”' }]);
      expect((await verifyArchive(archive)).leftovers).toEqual([]);
    } finally {
      await cleanup();
      await source.cleanup();
    }
  }, 60_000);

  it('keeps the drafts of one file in their order and skips repeats inside it', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    try {
      const parsed: ParsedFile = {
        drafts: [
          draft('A', story(1), { url: 'https://news.example/a?utm_source=x' }),
          draft('B', story(2)),
          draft('A again', story(3), { url: 'https://NEWS.example/a' }),
          draft('C', story(4)),
        ],
        skipped: [{ entry: 'row 9', reason: 'no address' }],
      };
      const summary = await importDrafts(archive, 'export.json', parsed);
      expect(summary.imported.map((id) => archive.item(id).title)).toEqual(['A', 'B', 'C']);
      expect(summary.skipped).toEqual([
        { file: 'export.json › row 9', reason: 'no address' },
        { file: 'export.json › A again', reason: 'already in the archive as “A”' },
      ]);
      expect((await verifyArchive(archive)).leftovers).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describe('the duplicate index', () => {
  it('follows items as they are added, edited and deleted', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    try {
      const index = duplicateIndex(archive);
      const a = await addItem(archive, draft('A', story(1), { url: 'https://news.example/a' }));
      expect(index.duplicateOf('https://news.example/a#top', null)?.id).toBe(a);
      expect(index.duplicateOf(null, textHash(story(1)))?.id).toBe(a);
      updateItem(archive, a, { url: 'https://news.example/moved' });
      expect(index.duplicateOf('https://news.example/a', null)).toBeNull();
      expect(index.duplicateOf('https://news.example/moved', null)?.id).toBe(a);
      // Two items with one address (an archive may already hold such): the second stands in when the first goes.
      const b = await addItem(archive, draft('B', story(2), { url: 'https://news.example/moved' }));
      await deleteItem(archive, a);
      expect(index.duplicateOf('https://news.example/moved', null)?.id).toBe(b);
      expect(index.duplicateOf(null, textHash(story(1)))).toBeNull();
      await deleteItem(archive, b);
      expect(index.duplicateOf('https://news.example/moved', textHash(story(2)))).toBeNull();
      // A page removed from the archive can be imported again.
      const summary = await importDrafts(archive, 'a.html', {
        drafts: [draft('A', story(1), { url: 'https://news.example/a' })],
        skipped: [],
      });
      expect(summary.imported).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });
});
