import { describe, expect, it } from 'vitest';
import { instapaperCsvImporter } from './instapaper';
import { hasFixtures, load } from './test-fixtures';

const DIR = 'wallabag-fixtures';

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

  it('reads the newer columns (Timestamp, Tags as JSON) and marks Archive read', () => {
    const csv = 'URL,Title,Selection,Folder,Timestamp,Tags\nhttps://a.example/x,"A, title",A chosen line,Archive,1700000000,"[""news"",""long read""]"\n';
    const { drafts } = instapaperCsvImporter.parse({ name: 'i.csv', bytes: new TextEncoder().encode(csv) }) as Awaited<ReturnType<typeof instapaperCsvImporter.parse>>;
    expect(drafts[0]).toMatchObject({ title: 'A, title', excerpt: 'A chosen line', tags: ['news', 'long read'], added: '2023-11-14T22:13:20.000Z', readAt: '2023-11-14T22:13:20.000Z' });
  });
});
