// The mixed-language test: English queries ranked over the BBC articles alone, then again
// with the French, Spanish and German readability fixture pages added; the English
// rankings must not move. Quoted passages from the foreign pages and from English articles
// must be found in the mixed archive.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isEnglishStopWord } from '../../archive/search/analyzer';
import { htmlToText } from '../../archive/interop/html-text';
import type { SearchIndex } from '../../archive/search/types';
import { plainWords, sample, SHARED, type BbcArticle, type EvalDoc, type Opened } from './harness';

const LANGS = new Set(['fr', 'es', 'de']);

export function foreignPages(): EvalDoc[] {
  const dir = path.join(SHARED, 'fixtures/readability-pages');
  if (!existsSync(dir)) return [];
  const out: EvalDoc[] = [];
  for (const name of readdirSync(dir).sort()) {
    const metaFile = path.join(dir, name, 'expected-metadata.json');
    const htmlFile = path.join(dir, name, 'expected.html');
    if (!existsSync(metaFile) || !existsSync(htmlFile)) continue;
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
      title?: string;
      lang?: string;
      byline?: string | null;
    };
    const lang = (meta.lang ?? '').toLowerCase().split('-')[0];
    if (!LANGS.has(lang)) continue;
    out.push({
      id: `page-${name}`,
      title: meta.title ?? name,
      body: htmlToText(readFileSync(htmlFile, 'utf8')),
      language: lang,
      byline: meta.byline ?? null,
    });
  }
  return out;
}

/** English queries: the examples, then pairs of words from sampled titles. */
function englishQueries(articles: BbcArticle[], rand: () => number): string[] {
  const qs = [
    'China',
    'interest rate',
    'tories',
    'Britain',
    'election',
    'chin',
    'rats',
    'mobile phone',
    'the economy',
    'film award',
  ];
  for (const a of sample(articles, 190, rand)) {
    const words = plainWords(a.title).filter((w) => w.length > 3 && !isEnglishStopWord(w));
    if (words.length >= 2) qs.push(`${words[0]} ${words[1]}`);
    else if (words.length === 1) qs.push(words[0]);
  }
  return qs;
}

async function rankings(index: SearchIndex, queries: string[]): Promise<string[][]> {
  const out: string[][] = [];
  for (const q of queries)
    out.push(
      (await index.query({ q, limit: 40 })).hits
        .map((h) => h.id)
        .filter((id) => !id.startsWith('page-'))
        .slice(0, 20),
    );
  return out;
}

/** Quoted runs of `len` words from each text: found when the text's item is among the hits. */
async function quoted(
  index: SearchIndex,
  docs: EvalDoc[],
  perDoc: number,
  len: number,
  rand: () => number,
): Promise<{ tried: number; found: number }> {
  let tried = 0;
  let found = 0;
  for (const d of docs) {
    const tokens = d.body.split(/\s+/).filter(Boolean);
    if (tokens.length < len * 3) continue;
    for (let k = 0; k < perDoc; k++) {
      // A run of words as the text has them, with no quotation mark of its own inside.
      let phrase = '';
      for (let attempt = 0; attempt < 50 && !phrase; attempt++) {
        const start = Math.floor(rand() * (tokens.length - len));
        const run = tokens.slice(start, start + len);
        if (run.every((t) => /[\p{L}\p{N}]/u.test(t) && !/["“”«»„]/.test(t)))
          phrase = run.join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      }
      if (!phrase) continue;
      const r = await index.query({ q: `"${phrase}"`, limit: 100 });
      tried++;
      if (r.hits.some((h) => h.id === d.id)) found++;
    }
  }
  return { tried, found };
}

export async function languageTest(opened: Opened, articles: BbcArticle[], rand: () => number) {
  const pages = foreignPages();
  const queries = englishQueries(articles, rand);
  const before = await rankings(opened.index, queries);
  await opened.add(pages);
  const after = await rankings(opened.index, queries);
  let same = 0;
  const moved: string[] = [];
  queries.forEach((q, i) => {
    if (JSON.stringify(before[i]) === JSON.stringify(after[i])) same++;
    else if (moved.length < 5) moved.push(q);
  });
  const foreign = await quoted(opened.index, pages, 10, 4, rand);
  const english = await quoted(opened.index, sample(articles, 100, rand) as EvalDoc[], 1, 5, rand);
  const titleProbe = await opened.index.query({ q: '"projet de loi"' });
  return {
    pages: pages.length,
    languages: [...new Set(pages.map((p) => p.language))].sort(),
    queries: queries.length,
    sameShare: same / queries.length,
    moved,
    foreignShare: foreign.tried ? foreign.found / foreign.tried : 0,
    foreignTried: foreign.tried,
    englishShare: english.found / english.tried,
    projetDeLoi: titleProbe.total,
  };
}
