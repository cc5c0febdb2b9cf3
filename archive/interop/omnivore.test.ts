import { describe, expect, it } from 'vitest';
import { omnivoreJsonImporter } from './omnivore';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Omnivore JSON (fixtures in the repository)', () => {
  it('reads author, labels without case duplicates, dates, progress, highlights; skips an entry without address', async () => {
    const { drafts, skipped } = await loadOwn(omnivoreJsonImporter, 'omnivore.json');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'Harbour reopens',
        byline: 'Ana Ruiz',
        excerpt: 'Repairs took five months.',
        url: 'https://news.example.org/harbour',
        tags: ['ports', 'local'],
        added: '2024-03-09T16:00:00.000Z',
        published: '2024-03-08T06:30:00.000Z',
        readAt: '2024-03-10T08:00:00.000Z',
        archivedAt: '2024-03-10T08:00:00.000Z',
        progress: 0.4,
        highlights: [{ quote: 'five months', comment: 'longer than planned', created: '2024-03-10T07:59:00.000Z' }],
      }),
    ]);
    expect(skipped).toEqual([{ entry: 'Lost link', reason: 'no address' }]);
  });
});

describe.skipIf(!hasFixtures(DIR))('Omnivore JSON', () => {
  it('reads all 20 entries with author, labels, dates and archive state', async () => {
    const { drafts, skipped } = await load(omnivoreJsonImporter, DIR, 'omnivore.json');
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(20);
    expect(drafts[0]).toMatchObject({
      kind: 'bookmark',
      title: 'Malgré la crise du marché des montres, Breitling étend son réseau commercial et dévoile ses ambitions',
      byline: 'Juliette Garnier',
      url: 'https://www.lemonde.fr/economie/article/2024/10/29/malgre-la-crise-du-marche-des-montres-breitling-etend-son-reseau-commercial-et-devoile-ses-ambitions_6365425_3234.html',
      tags: ['RSS'],
      added: '2024-10-29T16:30:11.000Z',
      published: '2024-10-29T16:30:11.000Z',
      readAt: '2024-10-31T13:01:28.320Z',
    });
    expect(drafts[0].excerpt).toMatch(/^La marque suisse/);
    expect(drafts[2].tags).toEqual(['RSS', 'TEST']);
    expect(drafts.filter((d) => d.readAt !== null)).toHaveLength(1);
    // Omnivore's archive is Dossier's archive; the other entries stay in the inbox.
    expect(drafts.filter((d) => d.archivedAt)).toEqual([drafts[0]]);
  });
});
