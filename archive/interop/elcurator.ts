// Reads elCurator's JSON export (created_at "YYYY-MM-DD hh:mm:ss UTC", title, url,
// description, tags array). Entries are bookmarks; the description becomes the excerpt.

import { makeDraft, splitTags } from './draft';
import { jsonListImporter } from './json-list-importer';
import { normaliseDate } from './timestamps';

export const elcuratorJsonImporter = jsonListImporter({
  format: 'elcurator-json',
  app: 'elCurator',
  recognise: (e) => 'url' in e && 'created_at' in e && 'is_saved' in e,
  urlKey: 'url',
  titleKey: 'title',
  toDraft: (e, url) =>
    makeDraft({
      url,
      title: e.title as string,
      excerpt: e.description as string,
      tags: splitTags(e.tags),
      added: normaliseDate(e.created_at),
    }),
});
