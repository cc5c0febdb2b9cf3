import { describe, expect, it } from 'vitest';
import { pocketCsvImporter, pocketHtmlImporter } from './pocket';
import { hasFixtures, load } from './test-fixtures';

const DIR = 'wallabag-fixtures';

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
    expect(drafts[0]).toMatchObject({ title: 'You Might Not Need jQuery', url: 'http://youmightnotneedjquery.com/', added: '2020-09-17T06:06:28.000Z', readAt: null, tags: [] });
    expect(drafts[3]).toMatchObject({ title: 'ArchiveBox question: How do I import links from a RSS feed?', readAt: '2020-09-24T15:31:36.000Z' });
    expect(drafts[6].title).toBe('Des abeilles pour résoudre les « conflits » entre les humains et les élépha');
  });

  it('skips a row without a web address and keeps the rest', () => {
    const csv = 'title,url,time_added,tags,status\nGood,https://a.example/,1600322788,x|y,unread\nBad,javascript:alert(1),1600322788,,unread\n';
    const parsed = pocketCsvImporter.parse({ name: 'p.csv', bytes: new TextEncoder().encode(csv) });
    expect(parsed).toMatchObject({ drafts: [{ title: 'Good', tags: ['x', 'y'] }], skipped: [{ entry: 'Bad', reason: 'not a web address: javascript:alert(1)' }] });
  });
});
