import { describe, expect, it } from 'vitest';
import { elcuratorJsonImporter } from './elcurator';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('elCurator JSON (fixtures in the repository)', () => {
  it('reads its UTC dates, tags and descriptions; skips an entry without address', async () => {
    const { drafts, skipped } = await loadOwn(elcuratorJsonImporter, 'elcurator.json');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'Code review checklists',
        url: 'https://dev.example.com/review',
        tags: ['code', 'review'],
        excerpt: 'What to look for.',
        added: '2015-09-09T11:10:32.000Z',
      }),
    ]);
    expect(skipped).toEqual([{ entry: 'No link', reason: 'no address' }]);
  });
});

describe.skipIf(!hasFixtures(DIR))('elCurator JSON', () => {
  it('reads its one entry with tags and a UTC date', async () => {
    const { drafts } = await load(elcuratorJsonImporter, DIR, 'elcurator.json');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'Qualité de code - Intégration de php-git-hooks dans Symfony2 - Experts Symfony et Drupal - Lexik',
        tags: ['tag1', 'tag2'],
        added: '2015-09-09T11:10:32.000Z',
        excerpt: null,
      }),
    ]);
  });
});
