// Reads Pinboard's JSON export (href, description = title, extended = notes, time, tags
// separated by spaces, toread). "extended" becomes the excerpt; everything is a bookmark.

import { makeDraft, splitTags } from './draft';
import { jsonListImporter } from './json-list-importer';
import { normaliseDate } from './timestamps';

export const pinboardJsonImporter = jsonListImporter({
  format: 'pinboard-json',
  app: 'Pinboard',
  recognise: (e) => 'href' in e && ('extended' in e || 'toread' in e || 'shared' in e),
  urlKey: 'href',
  titleKey: 'description',
  toDraft: (e, url) =>
    makeDraft({
      url,
      title: e.description as string,
      excerpt: e.extended as string,
      tags: splitTags(e.tags ?? '', /\s+/),
      added: normaliseDate(e.time),
    }),
});
