import { describe, expect, it } from 'vitest';
import { readabilityJsonImporter } from './readability-json';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Readability service JSON (fixtures in the repository)', () => {
  it('decodes excerpts, reads archive and favourite, and titles a placeholder by its address', async () => {
    const { drafts, skipped } = await loadOwn(readabilityJsonImporter, 'readability.json');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'Bank holds rates',
        url: 'https://news.example.org/rates',
        excerpt: 'Rates & prices stay where they were…',
        favourite: true,
        added: '2014-02-20T10:00:00.000Z',
        readAt: '2014-02-21T09:00:00.000Z',
        archivedAt: '2014-02-21T09:00:00.000Z',
      }),
      expect.objectContaining({ title: 'https://news.example.org/no-title', favourite: false, readAt: null }),
    ]);
    expect(skipped).toEqual([{ entry: 'Gone', reason: 'no web address' }]);
  });
});

describe.skipIf(!hasFixtures(DIR))('Readability service JSON', () => {
  it('reads bookmarks with decoded excerpts; a placeholder title falls back to the address', async () => {
    const { drafts, skipped } = await load(readabilityJsonImporter, DIR, 'readability.json');
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(3);
    expect(drafts[0]).toMatchObject({
      title: 'We Looked At 167,943 Tweets & Found Out Hashtags Are Worthless',
      added: '2016-08-25T12:05:00.000Z',
      readAt: null,
    });
    expect(drafts[0].excerpt).toContain('It’s like that polluted…');
    expect(drafts[1]).toMatchObject({
      title: drafts[1].url,
      tags: [],
      favourite: true,
      added: '2016-09-08T09:55:58.000Z',
    });
  });

  it('marks archived bookmarks read at their archive date', async () => {
    const { drafts } = await load(readabilityJsonImporter, DIR, 'readability-read.json');
    expect(drafts.map((d) => d.readAt)).toEqual(['2016-08-02T06:49:30.000Z', '2016-07-19T06:48:31.000Z']);
  });
});
