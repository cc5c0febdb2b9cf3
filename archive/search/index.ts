// The search engine's entry point for the archive core: open an index folder over the
// archive's items. Everything else in archive/search is internal to the engine.

import { Engine } from './engine';
import type { SearchIndex, SearchIndexOptions } from './types';

export type * from './types';

/**
 * Opens (creating, catching up or rebuilding as needed) the persisted index in `opts.dir`.
 * Resolves quickly: a large rebuild continues on worker threads and queries wait for it.
 */
export async function openSearchIndex(opts: SearchIndexOptions): Promise<SearchIndex> {
  const engine = new Engine(opts);
  await engine.open();
  return engine;
}
