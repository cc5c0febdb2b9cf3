import { describe, expect, it } from 'vitest';
import { readabilityJsonImporter } from './readability-json';
import { hasFixtures, load } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe.skipIf(!hasFixtures(DIR))('Readability service JSON', () => {
  it('reads bookmarks with decoded excerpts; a placeholder title falls back to the address', async () => {
    const { drafts, skipped } = await load(readabilityJsonImporter, DIR, 'readability.json');
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(3);
    expect(drafts[0]).toMatchObject({ title: 'We Looked At 167,943 Tweets & Found Out Hashtags Are Worthless', added: '2016-08-25T12:05:00.000Z', readAt: null });
    expect(drafts[0].excerpt).toContain('It’s like that polluted…');
    expect(drafts[1]).toMatchObject({ title: drafts[1].url, tags: [], favourite: true, added: '2016-09-08T09:55:58.000Z' });
  });

  it('marks archived bookmarks read at their archive date', async () => {
    const { drafts } = await load(readabilityJsonImporter, DIR, 'readability-read.json');
    expect(drafts.map((d) => d.readAt)).toEqual(['2016-08-02T06:49:30.000Z', '2016-07-19T06:48:31.000Z']);
  });
});
