// A search on an archive that no process holds, answered from the index catalog alone when
// the catalog is of the archive's present state (core/search-catalog.ts): it reads neither
// dossier.json nor the schemas, so `dossier search` loads the search engine and little else.
// Any request the engine's plain check does not vouch for goes the usual way (dispatch).

import { archiveFiles } from '../core/archive-files';
import { readCatalog } from '../core/search-catalog';
import { openSearchIndex } from '../search/index';
import { isPlainSearchRequest } from '../search/request-bounds';
import type { SearchIndex, SearchResult } from '../search/types';

export interface CatalogSearch {
  /** The answer dispatch() would give, or null for a request it must check itself. */
  query(request: unknown): Promise<SearchResult | null>;
  close(): Promise<void>;
}

/** The archive's index opened from its catalog for one command, or null (no catalog of
 *  this state: the archive must be opened and read). */
export async function openCatalogSearch(dir: string): Promise<CatalogSearch | null> {
  const files = archiveFiles(dir);
  const items = await readCatalog(files);
  if (!items) return null;
  const index: SearchIndex = await openSearchIndex({
    dir: files.indexDir,
    contentDir: files.contentDir,
    metas: items,
    readOnly: true,
    warmUp: false,
  });
  return {
    query: (request) => (isPlainSearchRequest(request) ? index.query(request) : Promise.resolve(null)),
    close: () => index.close(),
  };
}
