// A Dossier archive holding a benchmark corpus (ids made 16-hex), its search index built
// and persisted, made once per work folder and reused (a `ready` stamp marks it complete).
// Shared by the storage and CLI sections of `npm run bench`.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../archive/core/archive';
import { emptyArchiveData, type Item } from '../archive/core/model';
import { textHash, countWords } from '../archive/core/text-stats';
import type { BenchDoc } from './corpus';

export async function prepareBenchArchive(corpusDir: string, workDir: string): Promise<string> {
  const dir = path.join(workDir, 'archive');
  const stamp = path.join(workDir, 'ready');
  if (existsSync(stamp)) return dir;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  const docs = readFileSync(path.join(corpusDir, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BenchDoc);
  const data = emptyArchiveData();
  const now = new Date().toISOString();
  docs.forEach((d, i) => {
    const id = (i + 1).toString(16).padStart(16, '0');
    writeFileSync(path.join(dir, 'content', `${id}.txt`), d.body);
    const item: Item = {
      id, kind: 'article', title: d.title, byline: null, source: d.source, url: `https://news.example/${i}`, published: d.published,
      added: now, updated: now, language: 'en', excerpt: d.body.slice(0, 280), wordCount: countWords(d.body), tags: d.tags,
      readAt: d.unread ? null : now, archivedAt: null, favourite: false, progress: 0, content: { html: false, text: true }, assets: [], textHash: textHash(d.body),
    };
    data.items.push(item);
  });
  data.tags = [...new Set(docs.flatMap((d) => d.tags))].map((name) => ({ name, color: null, created: now }));
  writeFileSync(path.join(dir, 'dossier.json'), JSON.stringify(data));
  const archive = await Archive.open(dir);
  await archive.index.flush();
  await archive.close();
  writeFileSync(stamp, 'ok');
  return dir;
}
