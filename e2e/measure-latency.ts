// Measures keystroke-to-results latency in the browser at 10,000 items: builds 10,000
// distinct articles from the BBC corpus (as .txt files in a temp folder, never in the
// repo), imports them with `dossier import`, serves the archive, types queries into the
// search box in Chromium one key at a time, and reads the app's own measure of each key
// (from the input event to the frame after the new results are committed).
// Run: node --import tsx e2e/measure-latency.ts   (COUNT=N to change the size)

import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { bbcAvailable, makeCorpus } from '../bench/corpus';
import { ROOT, buildRendererIfStale, findChromium, launchBrowser, startServe } from './harness';

const COUNT = Number(process.env.COUNT ?? 10_000);
// LATENCY_ARCHIVE=DIR keeps the built archive there and reuses it on the next run.
const KEPT = process.env.LATENCY_ARCHIVE ? path.resolve(process.env.LATENCY_ARCHIVE) : null;
const QUERIES = [
  'economy growth',
  'mobile phone',
  'election labour',
  'film award',
  'chancellor budget',
  'champions league',
  'oil prices',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const chromium = findChromium();
  if (!chromium || !bbcAvailable()) {
    console.log(
      `skipped: ${chromium ? 'the BBC corpus is not here' : 'no Chromium found (apt-get install -y chromium)'}`,
    );
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'dossier-latency-'));
  try {
    const archive = KEPT ?? path.join(work, 'archive');
    if (!existsSync(path.join(archive, 'dossier.json'))) {
      const files = makeCorpus(COUNT).map((doc, i) => {
        const file = path.join(work, `a${String(i).padStart(5, '0')}.txt`);
        writeFileSync(file, `${doc.title}\n\n${doc.body}\n`);
        return file;
      });
      const started = performance.now();
      for (let i = 0; i < files.length; i += 2_000) {
        const run = spawnSync(
          process.execPath,
          [path.join(ROOT, 'bin', 'dossier.mjs'), 'import', '--archive', archive, ...files.slice(i, i + 2_000)],
          { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
        );
        if (run.status !== 0) throw new Error(`dossier import failed: ${run.stderr}`);
      }
      console.log(`imported ${COUNT} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }

    await buildRendererIfStale();
    const served = await startServe(archive);
    const browser = await launchBrowser(chromium);
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(served.url);
      const results = page.getByRole('list', { name: 'Results' });
      await page
        .locator('.results-total')
        .filter({ hasText: /result/ })
        .waitFor({ timeout: 60_000 });
      const total = await page.locator('.results-total').textContent();
      console.log(`the app lists ${total}`);
      // The list renders only what is on screen, and pages rows in as they are scrolled to.
      const rows = await page.locator('li.result-slot').count();
      const scrolled = await page.evaluate(async () => {
        const scroller = document.querySelector('.results-scroll') as HTMLElement;
        const started = performance.now();
        let frames = 0;
        let worst = 0;
        let last = started;
        for (let y = 0; y < scroller.scrollHeight && frames < 240; y += 2_000) {
          scroller.scrollTop = y;
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now();
          worst = Math.max(worst, now - last);
          last = now;
          frames++;
        }
        scroller.scrollTop = scroller.scrollHeight;
        return { frames, worst, ms: performance.now() - started };
      });
      await page.waitForFunction(() => document.querySelectorAll('li.result-slot .result-title').length > 3, null, {
        timeout: 10_000,
      });
      console.log(
        `list: ${rows} rows in the DOM for ${total}; ${scrolled.frames} scroll jumps of 2,000 px, slowest frame ${scrolled.worst.toFixed(1)} ms; the last rows load on arrival`,
      );
      await page.evaluate(() => ((document.querySelector('.results-scroll') as HTMLElement).scrollTop = 0));
      const search = page.getByRole('searchbox', { name: 'Search the archive' });
      // One warm-up query, so that the first figure is not the cold load of the index.
      await search.fill('warm up');
      await page.waitForTimeout(1_000);
      await page.evaluate(() => performance.clearMeasures('dossier:search'));
      for (const q of QUERIES) {
        await search.fill('');
        await page.waitForTimeout(300);
        for (const ch of q) {
          await page.keyboard.type(ch);
          await page.waitForTimeout(120);
        }
        await results.and(page.locator(`[data-query="${q}"]`)).waitFor({ timeout: 10_000 });
      }
      const entries = await page.evaluate(() =>
        performance
          .getEntriesByName('dossier:search')
          .map((e) => ({ q: String((e as PerformanceMeasure).detail), ms: e.duration })),
      );
      const split = await page.evaluate(() => {
        const answers = performance.getEntriesByName('dossier:answer') as PerformanceMark[];
        return (performance.getEntriesByName('dossier:search') as PerformanceMeasure[]).map((m) => {
          const answer = answers.find(
            (a) => a.detail === m.detail && a.startTime >= m.startTime && a.startTime <= m.startTime + m.duration,
          );
          return answer ? answer.startTime - m.startTime : null;
        });
      });
      const toAnswer = split.filter((x): x is number => x !== null).sort((a, b) => a - b);
      console.log(
        `  of which until the answer arrived: median ${percentile(toAnswer, 50).toFixed(1)} ms, p95 ${percentile(toAnswer, 95).toFixed(1)} ms (the rest is drawing it)`,
      );
      const figures = entries.map((e) => e.ms);
      const sorted = [...figures].sort((a, b) => a - b);
      const slowest = [...entries].sort((a, b) => b.ms - a.ms).slice(0, 6);
      for (const e of slowest) {
        const t = performance.now();
        await fetch(`${served.origin}/api/search.query`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': served.token },
          body: JSON.stringify({ q: e.q, sort: 'relevance', offset: 0, limit: 100 }),
        });
        console.log(
          `  slow: “${e.q}” ${e.ms.toFixed(1)} ms in the page; the same query alone over HTTP ${(performance.now() - t).toFixed(1)} ms`,
        );
      }
      const keys = QUERIES.join('').length + QUERIES.length;
      console.log(
        `keystroke-to-results at ${COUNT.toLocaleString()} items over ${figures.length} of ${keys} keystrokes: median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
      );
    } finally {
      await browser.close();
      const code = await served.stop();
      if (code !== 0) console.log(`dossier serve exited with ${code}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
