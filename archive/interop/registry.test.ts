import { describe, expect, it } from 'vitest';
import { importers, parseSourceFile } from './registry';
import { readdirSync } from 'node:fs';
import { fixture, hasFixtures, OWN_FIXTURES, ownFixture } from './test-fixtures';

describe('parseSourceFile', () => {
  it('picks the right importer for every app export written in the repository', async () => {
    const expected: Record<string, [string, number, number]> = {
      Bookmarks: ['chrome-bookmarks-json', 2, 1],
      'delicious.json': ['delicious-json', 1, 1],
      'elcurator.json': ['elcurator-json', 1, 1],
      'firefox-bookmarks.json': ['firefox-bookmarks-json', 1, 1],
      'instapaper-export.csv': ['instapaper-csv', 4, 1],
      'netscape-bookmarks.html': ['netscape-bookmarks', 3, 1],
      'omnivore.json': ['omnivore-json', 1, 1],
      'pinboard.json': ['pinboard-json', 1, 1],
      'pocket-export.html': ['pocket-html', 2, 1],
      'pocket.csv': ['pocket-csv', 2, 1],
      'readability.json': ['readability-json', 2, 1],
      'wallabag-v1.json': ['wallabag-v1-json', 2, 0],
      'wallabag-v2.json': ['wallabag-v2-json', 2, 1],
    };
    expect(readdirSync(OWN_FIXTURES).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [format, drafts, skipped]] of Object.entries(expected)) {
      const parsed = await parseSourceFile(ownFixture(name));
      expect([name, parsed.format, parsed.drafts.length, parsed.skipped.length]).toEqual([
        name,
        format,
        drafts,
        skipped,
      ]);
    }
  });

  it.skipIf(!hasFixtures('wallabag-fixtures'))('picks the right importer for every app export', async () => {
    const expected: Record<string, [string, number]> = {
      'chrome-bookmarks': ['chrome-bookmarks-json', 1],
      'delicious_export.2021.02.06_21.10.json': ['delicious-json', 3],
      'elcurator.json': ['elcurator-json', 1],
      'firefox-bookmarks.json': ['firefox-bookmarks-json', 2],
      'instapaper-export.csv': ['instapaper-csv', 4],
      'omnivore.json': ['omnivore-json', 20],
      pinboard_export: ['pinboard-json', 3],
      'pocket.csv': ['pocket-csv', 7],
      'readability-read.json': ['readability-json', 2],
      'readability.json': ['readability-json', 3],
      'ril_export.html': ['pocket-html', 2],
      'shaarli-bookmarks.html': ['netscape-bookmarks', 2],
      'wallabag-v1-read.json': ['wallabag-v1-json', 3],
      'wallabag-v1.json': ['wallabag-v1-json', 2],
      'wallabag-v2-read.json': ['wallabag-v2-json', 2],
      'wallabag-v2.json': ['wallabag-v2-json', 6],
    };
    for (const [name, [format, count]] of Object.entries(expected)) {
      const parsed = await parseSourceFile(fixture('wallabag-fixtures', name));
      expect([name, parsed.format, parsed.drafts.length]).toEqual([name, format, count]);
    }
  });

  it.skipIf(!hasFixtures('readability-pages'))(
    'reads an article page as a web page and a bookmark file as bookmarks',
    async () => {
      const page = fixture('readability-pages/nytimes-1', 'source.html');
      expect((await parseSourceFile(page)).format).toBe('web-page');
      expect((await parseSourceFile(fixture('netscape-bookmarks', 'firefox_nested.htm'))).format).toBe(
        'netscape-bookmarks',
      );
    },
  );

  it('refuses a file no importer accepts', async () => {
    await expect(parseSourceFile({ name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) })).rejects.toThrow(
      'photo.jpg cannot be imported: it is a JPEG image, not a text file',
    );
    await expect(parseSourceFile({ name: 'photo.jpg', bytes: new TextEncoder().encode('just text') })).rejects.toThrow(
      'unsupported file type: photo.jpg',
    );
    await expect(parseSourceFile({ name: 'data.json', bytes: new TextEncoder().encode('{"a":1}') })).rejects.toThrow(
      'unsupported file type: data.json',
    );
  });

  it('names each format once', () => {
    const formats = importers.map((i) => i.format);
    expect(new Set(formats).size).toBe(formats.length);
  });
});
