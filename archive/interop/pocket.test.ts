import { describe, expect, it } from 'vitest';
import { pocketCsvImporter, pocketHtmlImporter } from './pocket';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Pocket exports (fixtures in the repository)', () => {
  it('reads ril_export.html: sections, comma tags, epoch dates, the archive read', async () => {
    const { drafts, skipped } = await loadOwn(pocketHtmlImporter, 'pocket-export.html');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'Harbour reopens after storm repairs',
        url: 'https://news.example.org/2024/03/harbour-reopens',
        tags: ['ports', 'local news'],
        added: '2024-03-09T16:00:00.000Z',
        readAt: null,
        archivedAt: null,
        text: '',
      }),
      expect.objectContaining({
        title: 'Comet seen from three continents',
        tags: [],
        readAt: '2023-11-14T22:13:20.000Z',
        archivedAt: '2023-11-14T22:13:20.000Z',
      }),
    ]);
    expect(skipped).toEqual([{ entry: 'A bookmarklet', reason: 'not a web address: javascript:void(0)' }]);
  });

  it('reads pocket.csv: quoted titles with line breaks, | tags, archive status', async () => {
    const { drafts, skipped } = await loadOwn(pocketCsvImporter, 'pocket.csv');
    expect(drafts.map((d) => [d.title, d.tags, d.readAt])).toEqual([
      ['Harbour reopens after storm repairs', ['ports', 'local news'], null],
      ['A title with "quotes", a comma and a line break', [], '2023-11-14T22:13:20.000Z'],
    ]);
    expect(skipped).toEqual([{ entry: 'No address here', reason: 'no address' }]);
  });

  it('skips a row without a web address and keeps the rest', () => {
    const csv =
      'title,url,time_added,tags,status\nGood,https://a.example/,1600322788,x|y,unread\nBad,javascript:alert(1),1600322788,,unread\n';
    const parsed = pocketCsvImporter.parse({ name: 'p.csv', bytes: new TextEncoder().encode(csv) });
    expect(parsed).toMatchObject({
      drafts: [{ title: 'Good', tags: ['x', 'y'] }],
      skipped: [{ entry: 'Bad', reason: 'not a web address: javascript:alert(1)' }],
    });
  });
});

describe.skipIf(!hasFixtures(DIR))('Pocket exports', () => {
  it('reads ril_export.html with tags and dates', async () => {
    const { drafts, skipped } = await load(pocketHtmlImporter, DIR, 'ril_export.html');
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({
      kind: 'bookmark',
      title: 'Tarn : Des lapins ravagent le terrain, le match de rugby doit être annulé',
      url: 'https://www.20minutes.fr/sport/4002755-20220928-tarn-lapins-ravagent-terrain-match-rugby-doit-etre-annule',
      tags: ['ifttt', 'new_entry_simple'],
      added: '2023-07-06T07:31:35.000Z',
      readAt: null,
      text: '',
    });
  });

  it('reads pocket.csv, titles with quotes and line breaks included, archive as read', async () => {
    const { drafts, skipped } = await load(pocketCsvImporter, DIR, 'pocket.csv');
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(7);
    expect(drafts[0]).toMatchObject({
      title: 'You Might Not Need jQuery',
      url: 'http://youmightnotneedjquery.com/',
      added: '2020-09-17T06:06:28.000Z',
      readAt: null,
      tags: [],
    });
    expect(drafts[3]).toMatchObject({
      title: 'ArchiveBox question: How do I import links from a RSS feed?',
      readAt: '2020-09-24T15:31:36.000Z',
    });
    expect(drafts[6].title).toBe('Des abeilles pour résoudre les « conflits » entre les humains et les élépha');
  });
});
