// Reads Delicious's JSON export (title, url, tags array, description, created in epoch
// seconds). Entries are bookmarks; the description becomes the excerpt.

import { makeDraft, splitTags } from './draft';
import { jsonListImporter } from './json-list-importer';
import { fromEpoch } from './timestamps';

export const deliciousJsonImporter = jsonListImporter({
  format: 'delicious-json',
  app: 'Delicious',
  recognise: (e) => 'url' in e && 'created' in e && Array.isArray(e.tags) && ('owner' in e || 'others' in e),
  urlKey: 'url',
  titleKey: 'title',
  toDraft: (e, url) =>
    makeDraft({
      url,
      title: e.title as string,
      excerpt: e.description as string,
      tags: splitTags(e.tags),
      added: fromEpoch(e.created as string),
    }),
});
