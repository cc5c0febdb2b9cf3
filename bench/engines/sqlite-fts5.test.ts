// SQLite's filters run in SQL: they must select exactly the items the JS filter (Dossier's
// semantics: year:, after: from 1 January, tag: and source: without case) selects.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchDoc } from '../corpus';
import { QUERIES } from '../queries';
import { applyFilter, passes } from './engine';
import { sqliteFts5 } from './sqlite-fts5';

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

describe('the SQLite FTS5 peer', () => {
  it('filters in SQL exactly as the JS filter does', async () => {
    const e = sqliteFts5();
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
