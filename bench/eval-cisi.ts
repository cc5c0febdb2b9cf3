// `npm run eval:search`: measures search quality on ../shared data and prints one table.
// CISI ranking (queries typed as plain words), a typing test and a pasted-passage test on
// the BBC articles, English rankings before and after foreign pages join the archive,
// related items against a TF-IDF cosine baseline computed in the same run, and timings at
// 10k items. Sections whose data is missing are skipped with a message. EVAL_SKIP=10k skips
// the 10k timings (a 10,000-item build).

import os from 'node:os';
import { cisi } from './eval/cisi';
import { bbc, openDocs, rng } from './eval/harness';
import { languageTest } from './eval/languages';
import { passageTest } from './eval/passages';
import { relatedTest, tfidfPrecision } from './eval/related';
import { timing10k } from './eval/timing';
import { typingTest } from './eval/typing';

/** CISI figures before this work (lunr syntax, BM25F); the goal is at least these. */
const CISI_BEFORE = { map: 0.2095, ndcg10: 0.3771 };

type Row = [string, string, string, string];
const rows: Row[] = [];
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
let failed = false;
function row(section: string, figure: string, value: string, goal: string, pass: boolean | null): void {
  rows.push([section, figure, value, pass === null ? goal : `${goal} ${ok(pass)}`]);
  if (pass === false) failed = true;
}

async function main(): Promise<void> {
  const started = performance.now();
  const c = await cisi();
  if (!c) console.log('skipped CISI: ../shared/corpora/ir/cisi is missing');
  else {
    row(
      'CISI',
      `MAP (${c.queries} queries, ${c.docs} docs)`,
      c.map.toFixed(4),
      `≥ ${CISI_BEFORE.map}`,
      c.map >= CISI_BEFORE.map,
    );
    row('CISI', 'nDCG@10', c.ndcg10.toFixed(4), `≥ ${CISI_BEFORE.ndcg10}`, c.ndcg10 >= CISI_BEFORE.ndcg10);
  }
  const articles = bbc();
  if (!articles) console.log('skipped BBC sections: ../shared/corpora/news/bbc.jsonl is missing');
  else {
    const opened = await openDocs(articles.map((a) => ({ id: a.id, title: a.title, body: a.body })));
    try {
      const t = await typingTest(opened.index, articles, rng(1));
      row(
        'Typing',
        `keystrokes from the 4th letter with the article in the top 20 (${t.words} words, ${t.keystrokes} keystrokes)`,
        pct(t.share),
        '≥ 95%',
        t.share >= 0.95,
      );
      row('Typing', 'keystrokes with no results', pct(t.emptyShare), 'lower is better', null);
      const p = await passageTest(opened.index, articles, rng(2));
      row('Passages', `10-word passages with their article first (${p.tried})`, pct(p.share), '≥ 95%', p.share >= 0.95);
      row(
        'Passages',
        `… of them across a dash or quotes (${p.withSyntax})`,
        pct(p.syntaxShare),
        '≥ 95%',
        p.syntaxShare >= 0.95,
      );
      if (p.misses.length) console.log(`passage misses:\n  ${p.misses.join('\n  ')}`);
      const r = await relatedTest(opened.index, articles);
      const base = tfidfPrecision(articles);
      row(
        'Related',
        `precision@5 by BBC section, all ${articles.length} articles`,
        r.precision.toFixed(3),
        `≥ 0.94 and ≥ TF-IDF cosine ${base.toFixed(3)}`,
        r.precision >= 0.94 && r.precision >= base,
      );
      row('Related', 'suggestions listing a word twice', pct(r.repeatedShare), '0%', r.repeatedShare === 0);
      row(
        'Related',
        `per call at ${articles.length} items, wall clock p95 / CPU time p95 (ms)`,
        `${r.p95.toFixed(1)} / ${r.cpuP95.toFixed(1)}`,
        '≤ 20',
        r.cpuP95 <= 20,
      );
      const l = await languageTest(opened, articles, rng(3));
      row(
        'Languages',
        `English top-20 rankings unchanged after ${l.pages} ${l.languages.join('/')} pages join (${l.queries} queries)`,
        pct(l.sameShare),
        '100%',
        l.sameShare === 1,
      );
      row(
        'Languages',
        `quoted 4-word passages of those pages found (${l.foreignTried})`,
        pct(l.foreignShare),
        '100%',
        l.foreignShare === 1,
      );
      row(
        'Languages',
        'quoted 5-word English passages found in the mixed archive',
        pct(l.englishShare),
        '100%',
        l.englishShare === 1,
      );
      if (l.moved.length) console.log(`rankings that moved: ${l.moved.join(' | ')}`);
    } finally {
      await opened.close();
    }
  }
  if (process.env.EVAL_SKIP !== '10k' && articles) {
    const t = await timing10k(rng(4));
    row(
      '10k items',
      `the benchmark's query mix, wall clock p50 / p95 (ms)`,
      `${t.queries.wallP50.toFixed(2)} / ${t.queries.wallP95.toFixed(2)}`,
      'p95 ≤ 5',
      t.queries.wallP95 <= 5,
    );
    row(
      '10k items',
      `the benchmark's query mix, CPU time p50 / p95 (ms)`,
      `${t.queries.cpuP50.toFixed(2)} / ${t.queries.cpuP95.toFixed(2)}`,
      'p95 ≤ 5',
      t.queries.cpuP95 <= 5,
    );
    row(
      '10k items',
      'related per call, wall clock p50 / p95 / max (ms)',
      `${t.relatedP50.toFixed(1)} / ${t.relatedP95.toFixed(1)} / ${t.relatedMax.toFixed(1)}`,
      '≤ 20',
      t.relatedP95 <= 20,
    );
    row('10k items', 'related per call, CPU time p95 (ms)', t.relatedCpuP95.toFixed(1), '≤ 20', t.relatedCpuP95 <= 20);
    row('10k items', 'related, first call after open (ms)', t.firstRelated.toFixed(1), '≤ 20', t.firstRelated <= 20);
    row(
      '10k items',
      `wildcard-heavy queries (${Object.keys(t.perQuery).join(', ')}), slowest median of 5, wall clock (ms)`,
      t.wildcardMax.toFixed(1),
      '≤ 50',
      t.wildcardMax <= 50,
    );
    row(
      '10k items',
      'wildcard-heavy queries, slowest median of 5, CPU time (ms)',
      t.wildcardCpuMax.toFixed(1),
      '≤ 50',
      t.wildcardCpuMax <= 50,
    );
    console.log(`machine load while timing: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  }
  const head: Row = ['section', 'figure', 'value', 'goal'];
  const lines = [head, ['---', '---', '---', '---'] as Row, ...rows].map((r) => `| ${r.join(' | ')} |`);
  console.log(
    `\nDossier search evaluation (${((performance.now() - started) / 1000).toFixed(0)} s, Node ${process.version})\n`,
  );
  console.log(lines.join('\n'));
  if (failed) process.exitCode = 1;
}

await main();
