// Writes a benchmark corpus as an archive folder directly (dossier.json and content/ bodies,
// ids 1..n in 16 hex digits), so benchmarks start from a full archive in seconds.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { emptyArchiveData, type Item } from '../archive/core/model';
import { countWords, textHash } from '../archive/core/text-stats';
import type { BenchDoc } from './corpus';

export function writeCorpusArchive(dir: string, docs: readonly BenchDoc[]): void {
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  const data = emptyArchiveData();
  const now = new Date().toISOString();
  docs.forEach((d, i) => {
    const id = (i + 1).toString(16).padStart(16, '0');
    writeFileSync(path.join(dir, 'content', `${id}.txt`), d.body);
    const item: Item = {
      id,
      kind: 'article',
      title: d.title,
      byline: null,
      source: d.source,
      url: `https://news.example/${i}`,
      published: d.published,
      added: now,
      updated: now,
      language: 'en',
      excerpt: d.body.slice(0, 280),
      wordCount: countWords(d.body),
      tags: d.tags,
      readAt: d.unread ? null : now,
      archivedAt: null,
      favourite: false,
      progress: 0,
      content: { html: false, text: true },
      assets: [],
      textHash: textHash(d.body),
    };
    data.items.push(item);
  });
  data.tags = [...new Set(docs.flatMap((d) => d.tags))].map((name) => ({ name, color: null, created: now }));
  writeFileSync(path.join(dir, 'dossier.json'), JSON.stringify(data));
}
