// A benchmark archive: the corpus written as an archive folder (corpus-archive.ts) with its
// search index built, made once per work folder and reused until a run throws it away.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../archive/core/archive';
import type { BenchDoc } from './corpus';
import { writeCorpusArchive } from './corpus-archive';

export async function prepareBenchArchive(corpusDir: string, workDir: string): Promise<string> {
  const dir = path.join(workDir, 'archive');
  const stamp = path.join(workDir, 'ready');
  if (existsSync(stamp)) return dir;
  rmSync(workDir, { recursive: true, force: true });
  const docs = readFileSync(path.join(corpusDir, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BenchDoc);
  writeCorpusArchive(dir, docs);
  const archive = await Archive.open(dir);
  await archive.index.flush();
  await archive.close();
  writeFileSync(stamp, 'ok');
  return dir;
}
