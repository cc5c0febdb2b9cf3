import { describe, expect, it } from 'vitest';
import { pinboardJsonImporter } from './pinboard';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Pinboard JSON (fixtures in the repository)', () => {
  it('reads description as title, extended as excerpt, space-separated tags; skips place: links', async () => {
    const { drafts, skipped } = await loadOwn(pinboardJsonImporter, 'pinboard.json');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'How map tiles work',
        url: 'https://maps.example.com/tiles',
        excerpt: 'A gentle introduction.',
        tags: ['maps', 'cartography', 'tiles'],
        added: '2023-05-01T12:00:00.000Z',
      }),
    ]);
    expect(skipped).toEqual([{ entry: 'Smart folder', reason: 'not a web address: place:sort=8' }]);
  });
});

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
