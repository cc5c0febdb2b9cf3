import { describe, expect, it } from 'vitest';
import { netscapeBookmarksImporter as importer } from './netscape-bookmarks';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'netscape-bookmarks';
const parse = (name: string) => load(importer, DIR, name);

describe('Netscape bookmark files (fixtures in the repository)', () => {
  it('reads folders (not the toolbar) and TAGS as tags, DD as excerpt, a Shaarli note as a note', async () => {
    const { drafts, skipped } = await loadOwn(importer, 'netscape-bookmarks.html');
    expect(drafts.map((d) => [d.kind, d.title, d.url, d.tags, d.added])).toEqual([
      [
        'bookmark',
        'Comet seen from three continents',
        'https://space.example.org/comet',
        ['Science', 'astronomy', 'comets'],
        '2023-11-14T22:13:20.000Z',
      ],
      ['note', 'A note of my own', null, ['note'], '2023-11-14T22:16:40.000Z'],
      ['bookmark', 'News front page', 'https://news.example.org/', [], '2023-11-14T22:18:20.000Z'],
    ]);
    expect(drafts[0].excerpt).toBe('Observers on three continents saw it on the same night.');
    expect(drafts[1].text).toBe('Remember to call the library about the maps.');
    expect(skipped).toEqual([{ entry: 'Bookmarklet', reason: 'not a web address: javascript:alert(1)' }]);
  });

  it('does not take an ordinary article page for a bookmark file', () => {
    const page = new TextEncoder().encode(
      '<!DOCTYPE html><html><body><dl><dt><a href="/x">Term</a></dt><dd>Definition</dd></dl></body></html>',
    );
    expect(importer.accepts({ name: 'glossary.html', bytes: page })).toBe(false);
  });
});

describe.skipIf(!hasFixtures(DIR))('Netscape bookmark files', () => {
  it('turns nested folders into tags, beside the TAGS attribute', async () => {
    const { drafts, skipped } = await parse('netscape_nested.htm');
    expect(skipped).toEqual([]);
    expect(drafts.map((d) => d.url)).toEqual(
      ['1', '1-1', '1-2', '2-1', '2-2', '3-1', '3-2', '2'].map((n) => `http://nest.ed/${n}`),
    );
    const byUrl = new Map(drafts.map((d) => [d.url, d]));
    expect(byUrl.get('http://nest.ed/1-2')?.tags).toEqual([
      'Folder1, the first,folder to encounter',
      'tag3',
      'tag4',
      'leaf multi word',
    ]);
    expect(byUrl.get('http://nest.ed/3-1')?.tags).toEqual(['Folder3', 'Folder3-1', 'tag3']);
    expect(byUrl.get('http://nest.ed/2-1')).toMatchObject({
      kind: 'bookmark',
      text: '',
      html: null,
      title: 'Nested 2-1',
      excerpt: 'First link of the second section',
      added: '2016-02-02T17:22:22.000Z',
      tags: ['Folder2'],
    });
  });

  it('reads Chromium exports without making the toolbar a tag', async () => {
    const { drafts, skipped } = await parse('chromium_nested.htm');
    expect(drafts).toHaveLength(18);
    expect(skipped).toEqual([]);
    expect(drafts[0]).toMatchObject({ url: 'http://www.jabber.org/', tags: [], added: '2016-06-15T17:04:26.000Z' });
    expect(drafts.find((d) => d.url === 'https://checkio.org/')?.tags).toEqual(['Dev', 'Python']);
  });

  it('skips Firefox smart bookmarks (place: queries) with a reason', async () => {
    const { drafts, skipped } = await parse('firefox_nested.htm');
    expect(drafts).toHaveLength(21);
    expect(skipped.map((s) => s.entry)).toEqual(['Recently saved', 'Recent tags', 'Most visited']);
    expect(skipped[0].reason).toMatch(/^not a web address: place:/);
    expect(drafts.find((d) => d.title === 'xkcd: Slippery Slope')?.tags).toEqual([
      'Comics',
      'xkcd',
      'webcomic',
      'slope',
      'respect',
    ]);
  });

  it('reads every browser and service variant in the folder', async () => {
    const counts: Record<string, number> = {
      'chromium_flat.htm': 9,
      'delicious.htm': 5,
      'delicious_sanitize.htm': 2,
      'firefox_flat.htm': 21,
      'google_bookmarks_nested.htm': 6,
      'internet_explorer_11_flat.htm': 18,
      'internet_explorer_11_nested.htm': 27,
      'netscape_basic.htm': 2,
      'netscape_extended.htm': 1,
      'netscape_multiline.htm': 3,
      'safari_folded.htm': 3,
      'scuttle.htm': 4,
      'scuttle_new_line.htm': 1,
      'shaarli.htm': 6,
      'shaarli_legacy.htm': 2,
      'shaarli_markdown.htm': 3,
      'shaarli_with_tabs_and_spaces.htm': 1,
      'shaarli_with_whitespace_tags.htm': 1,
    };
    for (const [name, count] of Object.entries(counts)) expect((await parse(name)).drafts, name).toHaveLength(count);
  });

  it('reads ADD_DATE in seconds, microseconds and Apache log form', async () => {
    expect((await parse('netscape_basic.htm')).drafts[0]).toMatchObject({
      added: '2000-10-10T10:55:36.000Z',
      tags: ['private', 'secret'],
      excerpt: "Super-secret stuff you're not supposed to know about",
    });
    expect((await parse('google_bookmarks_nested.htm')).drafts[0].added).toBe('2018-01-09T16:34:57.780Z');
  });

  it('keeps multi-line descriptions and makes Shaarli text notes into notes', async () => {
    expect((await parse('netscape_multiline.htm')).drafts[2].excerpt).toBe(
      'List:\n- item1\n- item2\n\nParagraph number one.\n\nParagraph\nnumber\ntwo.',
    );
    const note = (await parse('shaarli.htm')).drafts[0];
    expect(note).toMatchObject({ kind: 'note', url: null, title: "Kouign'amann recipes" });
    expect(note.text).toMatch(/^"Is there anything more fabulous/);
  });

  it('splits comma tags with spaces and reads a description attribute (Scuttle)', async () => {
    expect((await parse('shaarli_with_whitespace_tags.htm')).drafts[0].tags).toEqual(['dev', 'php dev', 'php 7.x']);
    expect((await parse('scuttle.htm')).drafts[0]).toMatchObject({
      title: 'EuroVoc Thesaurus',
      excerpt: 'Multilingual Thesaurus of the European Union',
      tags: ['dictionary'],
    });
  });
});
