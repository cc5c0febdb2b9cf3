import { describe, expect, it } from 'vitest';
import { omnivoreJsonImporter } from './omnivore';
import { hasFixtures, load } from './test-fixtures';

const DIR = 'wallabag-fixtures';

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
