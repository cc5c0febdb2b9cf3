// SQLite FTS5 (better-sqlite3) at its idiomatic best: contentless like Dossier's index
// (bodies live elsewhere), porter stemming, ranked by bm25 with the title weighted 3, and
// filters in SQL (a docs table with date and source columns and a doc_tags table, indexed),
// so LIMIT 50 applies after the filter. Fuzzy terms are searched as typed (FTS5 has none).

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BenchQuery, Filter } from '../queries';
import { LIMIT, type BenchEngine } from './engine';

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;

export function ftsQuery(q: BenchQuery): string {
  const term = (w: BenchQuery['words'][number]) =>
    `${w.field ? w.field + ' : ' : ''}${quote(w.w)}${w.prefix ? '*' : ''}`;
  const must = q.words.filter((w) => w.op === 'must').map(term);
  if (q.phrase) must.push(quote(q.phrase.join(' ')));
  const optional = q.words.filter((w) => !w.op).map(term);
  const not = q.words.filter((w) => w.op === 'not').map(term);
  const positive = must.length ? must.join(' AND ') : optional.join(' OR ');
  if (!positive) return '';
  return not.length ? `(${positive}) NOT (${not.join(' OR ')})` : positive;
}

/** The filter as SQL over `d` (docs) with its parameters; Dossier's semantics (after:Y from 1 Jan Y). */
export function filterSql(f: Filter | undefined): { sql: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  const add = (clause: string, ...values: string[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (f?.tag) add('EXISTS (SELECT 1 FROM doc_tags t WHERE t.doc = d.rowid AND t.tag = ?)', f.tag);
  if (f?.source) add('d.source = ?', f.source);
  if (f?.year) add('d.published >= ? AND d.published < ?', f.year, String(Number(f.year) + 1));
  if (f?.after) add('d.published >= ?', f.after);
  return { sql: where.map((w) => ` AND ${w}`).join(''), params };
}

export function sqliteFts5(): BenchEngine {
  let db: Database.Database | null = null;
  let nextRowid = 1_000_000;
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db!.prepare(sql)));
    return s;
  };
  const insertDoc = (
    rowid: number,
    d: { id: string; title: string; body: string; tags: string[]; source: string; published: string },
  ) => {
    stmt('INSERT INTO docs(rowid, id, source, published) VALUES (?, ?, ?, ?)').run(
      rowid,
      d.id,
      d.source.toLowerCase(),
      d.published,
    );
    for (const t of d.tags) stmt('INSERT INTO doc_tags(doc, tag) VALUES (?, ?)').run(rowid, t.toLowerCase());
    stmt('INSERT INTO fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)').run(rowid, d.title, d.body, d.tags.join(' '));
  };
  const select = (q: BenchQuery, what: 'ids' | 'count') => {
    const match = ftsQuery(q);
    const f = filterSql(q.filter);
    if (!match) {
      return what === 'count'
        ? { sql: `SELECT count(*) AS n FROM docs d WHERE 1${f.sql}`, params: f.params }
        : {
            sql: `SELECT d.id AS id FROM docs d WHERE 1${f.sql} ORDER BY d.published DESC LIMIT ${LIMIT}`,
            params: f.params,
          };
    }
    const from = `FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?${f.sql}`;
    return what === 'count'
      ? { sql: `SELECT count(*) AS n ${from}`, params: [match, ...f.params] }
      : {
          sql: `SELECT d.id AS id ${from} ORDER BY bm25(fts, 3.0, 1.0, 1.0) LIMIT ${LIMIT}`,
          params: [match, ...f.params],
        };
  };
  return {
    needsDocs: true,
    async build(docs, dir) {
      mkdirSync(dir, { recursive: true });
      db = new Database(path.join(dir, 'index.db'));
      db.pragma('journal_mode = WAL');
      db.exec(`CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, source TEXT, published TEXT);
               CREATE TABLE doc_tags(doc INTEGER, tag TEXT);
               CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, content='', tokenize='porter unicode61');`);
      db.transaction(() => docs.forEach((d, i) => insertDoc(i + 1, d)))();
      db.exec(`CREATE INDEX docs_published ON docs(published);
               CREATE INDEX docs_source ON docs(source, published);
               CREATE INDEX doc_tags_tag ON doc_tags(tag, doc);
               CREATE INDEX doc_tags_doc ON doc_tags(doc, tag);
               INSERT INTO fts(fts) VALUES('optimize');
               ANALYZE;`);
      statements.clear();
      db.close();
    },
    async open(dir) {
      db = new Database(path.join(dir, 'index.db'));
    },
    async query(q) {
      const { sql, params } = select(q, 'ids');
      return (stmt(sql).all(...params) as Array<{ id: string }>).map((r) => r.id);
    },
    async count(q) {
      const { sql, params } = select(q, 'count');
      return (stmt(sql).get(...params) as { n: number }).n;
    },
    async add(doc) {
      insertDoc(nextRowid++, doc);
      return doc.id;
    },
    async close() {
      statements.clear();
      db?.close();
    },
  };
}
