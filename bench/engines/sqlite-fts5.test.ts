// SQLite's filters run in SQL: they must select exactly the items the JS filter (Dossier's
// semantics: year:, after: from 1 January, tag: and source: without case) selects.
// Skips with a message where better-sqlite3 (a benchmark-only dependency) is not installed.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchDoc } from '../corpus';
import { QUERIES } from '../queries';
import { applyFilter, passes } from './engine';

const engine = await import('./sqlite-fts5').catch((error: Error) => {
  console.log(`skipped: better-sqlite3 is not installed (${error.message.split('\n')[0]})`);
  return null;
});

const TAGS = ['Sport', 'Business', 'Tech'];
const SOURCES = ['Reuters', 'BBC News'];
const docs: BenchDoc[] = Array.from({ length: 120 }, (_, i) => ({
  id: `d${i}`,
  title: `Item ${i}`,
  body: 'A film about the market and the bank.',
  tags: [TAGS[i % 3], ...(i % 4 ? [] : ['Europe'])],
  source: SOURCES[i % 2],
  published: `${2015 + (i % 11)}-${String(1 + (i % 12)).padStart(2, '0')}-15`,
  notes: '',
  unread: false,
}));
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-fts5-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!engine)('the SQLite FTS5 peer', () => {
  it('filters in SQL exactly as the JS filter does', async () => {
    const e = engine!.sqliteFts5();
    await e.build(docs, dir, dir);
    await e.open(dir, dir);
    const metas = new Map(docs.map((d) => [d.id, d]));
    for (const q of QUERIES.filter((x) => x.filter)) {
      const expected = docs.filter((d) => passes(d, q.filter));
      expect(expected.length).toBeGreaterThan(0);
      expect(await e.count(q), q.text).toBe(expected.length);
      const ids = await e.query(q);
      // A query of filters only lists the matches newest first (every date here is distinct).
      if (!q.words.length) expect(ids, q.text).toEqual(applyFilter(null, q, metas));
      else expect(ids.length, q.text).toBe(Math.min(50, expected.length));
      for (const id of ids) expect(passes(metas.get(id), q.filter), `${q.text}: ${id}`).toBe(true);
    }
    await e.close();
  });
});
