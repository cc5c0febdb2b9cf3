import { describe, expect, it } from 'vitest';
import { pinboardJsonImporter } from './pinboard';
import { hasFixtures, load } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe.skipIf(!hasFixtures(DIR))('Pinboard JSON', () => {
  it('reads pinboard_export: description as title, extended as excerpt, space-separated tags', async () => {
    const { drafts, skipped } = await load(pinboardJsonImporter, DIR, 'pinboard_export');
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(3);
    expect(drafts[1]).toMatchObject({
      kind: 'bookmark',
      title: 'Varnish (explained) for PHP developers',
      url: 'https://ma.ttias.be/varnish-explained/',
      tags: ['varnish', 'PHP'],
      added: '2016-10-26T06:43:03.000Z',
    });
    expect(drafts[1].excerpt).toMatch(/^A few months ago, I gave a presentation/);
  });
});
