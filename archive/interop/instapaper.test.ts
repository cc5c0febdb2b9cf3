import { describe, expect, it } from 'vitest';
import { instapaperCsvImporter } from './instapaper';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Instapaper CSV (fixtures in the repository)', () => {
  it('reads folders as inbox, archive, starred or tags, the selection as excerpt, JSON tags', async () => {
    const { drafts, skipped } = await loadOwn(instapaperCsvImporter, 'instapaper-export.csv');
    expect(drafts.map((d) => [d.title, d.tags, d.readAt, d.archivedAt, d.favourite])).toEqual([
      ['Council approves new budget', ['politics', 'city'], null, null, false],
      ['Rail strike ends', [], '2023-11-14T22:13:20.000Z', '2023-11-14T22:13:20.000Z', false],
      ['Recipes for a quiet week', [], null, null, true],
      ['Notes on old maps', ['Reading list'], null, null, false],
    ]);
    expect(drafts[0]).toMatchObject({
      kind: 'bookmark',
      url: 'https://news.example.org/council-budget',
      excerpt: 'The vote was close.',
      added: '2024-03-09T16:00:00.000Z',
    });
    expect(skipped).toEqual([{ entry: 'Not a page', reason: 'not a web address: ftp://files.example.org/report' }]);
  });

  it('reads the newer columns (Timestamp, Tags as JSON) and marks Archive read', () => {
    const csv =
      'URL,Title,Selection,Folder,Timestamp,Tags\nhttps://a.example/x,"A, title",A chosen line,Archive,1700000000,"[""news"",""long read""]"\n';
    const { drafts } = instapaperCsvImporter.parse({ name: 'i.csv', bytes: new TextEncoder().encode(csv) }) as Awaited<
      ReturnType<typeof instapaperCsvImporter.parse>
    >;
    expect(drafts[0]).toMatchObject({
      title: 'A, title',
      excerpt: 'A chosen line',
      tags: ['news', 'long read'],
      added: '2023-11-14T22:13:20.000Z',
      readAt: '2023-11-14T22:13:20.000Z',
    });
  });
});

describe.skipIf(!hasFixtures(DIR))('Instapaper CSV', () => {
  it('reads every row; folders other than Unread/Archive become tags', async () => {
    const { drafts, skipped } = await load(instapaperCsvImporter, DIR, 'instapaper-export.csv');
    expect(skipped).toEqual([]);
    expect(drafts.map((d) => d.tags)).toEqual([[], [], [], ['test_tag']]);
    expect(drafts.map((d) => d.favourite)).toEqual([false, false, true, false]);
    expect(drafts[3]).toMatchObject({
      kind: 'bookmark',
      title: "Dis donc Donald Trump, c'est quoi exactement «covfefe»?",
      url: 'https://www.20minutes.fr/high-tech/2077615-20170531-quoi-exactement-tweet-covfefe-donald-trump-persiste-signe',
    });
  });
});
