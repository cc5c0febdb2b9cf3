// SQLite FTS5 (better-sqlite3), contentless like Dossier's index (bodies live elsewhere),
// porter stemming, ranked by bm25 with the title weighted 3. Fuzzy terms are searched as
// typed (FTS5 has no fuzzy matching); everything else maps onto FTS5's own syntax.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BenchQuery } from '../queries';
import { applyFilter, type BenchEngine, type BenchMeta } from './engine';

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;

export function ftsQuery(q: BenchQuery): string {
  const term = (w: BenchQuery['words'][number]) => `${w.field ? w.field + ' : ' : ''}${quote(w.w)}${w.prefix ? '*' : ''}`;
  const must = q.words.filter((w) => w.op === 'must').map(term);
  if (q.phrase) must.push(quote(q.phrase.join(' ')));
  const optional = q.words.filter((w) => !w.op).map(term);
  const not = q.words.filter((w) => w.op === 'not').map(term);
  const positive = must.length ? must.join(' AND ') : optional.join(' OR ');
  if (!positive) return '';
  return not.length ? `(${positive}) NOT (${not.join(' OR ')})` : positive;
}

export function sqliteFts5(): BenchEngine {
  let db: Database.Database | null = null;
  let metas = new Map<string, BenchMeta>();
  let search: Database.Statement | null = null;
  let insert: Database.Statement | null = null;
  let insertId: Database.Statement | null = null;
  const prepare = () => {
    search = db!.prepare('SELECT d.id AS id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? ORDER BY bm25(fts, 3.0, 1.0, 1.0) LIMIT ?');
    insert = db!.prepare('INSERT INTO fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)');
    insertId = db!.prepare('INSERT INTO docs(rowid, id) VALUES (?, ?)');
  };
  return {
    async build(docs, dir) {
      mkdirSync(dir, { recursive: true });
      db = new Database(path.join(dir, 'index.db'));
      db.pragma('journal_mode = WAL');
      db.exec(`CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE);
               CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, content='', tokenize='porter unicode61');`);
      prepare();
      db.transaction(() => {
        docs.forEach((d, i) => {
          insertId!.run(i + 1, d.id);
          insert!.run(i + 1, d.title, d.body, d.tags.join(' '));
        });
      })();
      db.exec(`INSERT INTO fts(fts) VALUES('optimize')`);
      db.close();
    },
    async open(dir, _c, list) {
      metas = new Map(list.map((m) => [m.id, m]));
      db = new Database(path.join(dir, 'index.db'));
      prepare();
    },
    async query(q) {
      const match = ftsQuery(q);
      if (!match) return applyFilter(null, q, metas);
      const rows = search!.all(match, q.filter ? 2000 : 20) as Array<{ id: string }>;
      return applyFilter(
        rows.map((r) => r.id),
        q,
        metas,
      );
    },
    async add(doc) {
      metas.set(doc.id, doc);
      const rowid = metas.size + 1_000_000;
      insertId!.run(rowid, doc.id);
      insert!.run(rowid, doc.title, doc.body, doc.tags.join(' '));
    },
    async close() {
      db?.close();
    },
  };
}
