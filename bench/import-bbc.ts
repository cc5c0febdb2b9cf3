// Measures a bulk import: 2,000 BBC articles from ../shared/corpora/news/bbc.jsonl written
// as .txt files to a temp folder, imported through the contract (as `dossier import` does),
// then a few queries against the result. Prints the figures; not part of `npm test`.

import { mkdtemp, writeFile, rm, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../archive/api/open-archive';
import { dispatch } from '../archive/api/dispatch';

const CORPUS = fileURLToPath(new URL('../../shared/corpora/news/bbc.jsonl', import.meta.url));
const COUNT = Number(process.env.COUNT ?? 2000);

async function main() {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} is not here`);
    return;
  }
  const rows = (await readFile(CORPUS, 'utf8'))
    .trim()
    .split('\n')
    .slice(0, COUNT)
    .map((l) => JSON.parse(l));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'dossier-import-bench-'));
  try {
    const files: string[] = [];
    for (const row of rows) {
      const file = path.join(tmp, `${row.id}.txt`);
      await writeFile(file, `${row.title}\n\n${row.body}`);
      files.push(file);
    }
    const archive = await openArchive(path.join(tmp, 'archive'));
    const started = performance.now();
    const outcome = await dispatch(archive, 'import.paths', { paths: files }, { trusted: true });
    await archive.flush();
    const seconds = (performance.now() - started) / 1000;
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { imported, skipped } = outcome.value;
    console.log(
      `imported ${imported.length} of ${rows.length} files in ${seconds.toFixed(1)} s (${((seconds * 1000) / rows.length).toFixed(1)} ms per file); skipped ${skipped.length}${skipped.length ? ` (e.g. ${skipped[0].reason})` : ''}`,
    );
    for (const q of ['economy growth', 'tag:none', '"mobile phone"', 'film award', 'chancellor budget']) {
      const t = performance.now();
      const r = await dispatch(archive, 'search.query', { q });
      console.log(
        `  query ${JSON.stringify(q).padEnd(22)} ${(performance.now() - t).toFixed(1).padStart(6)} ms  ${r.ok ? r.value.total : r.error.message} hits`,
      );
    }
    await archive.close();
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
