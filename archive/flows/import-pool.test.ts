// The parse pool runs importers on a worker thread: a big page keeps the requesting
// thread free (measured as event-loop delay and as the latency of other calls), a stuck or
// runaway job is ended with a reason, and without a worker the job still runs inline.
import { describe, it, expect, afterAll, vi } from 'vitest';
import os from 'node:os';
import { strToU8 } from 'fflate';
import { tempArchive, draft } from '../core/test-archive';
import { addItem } from '../core/items';
import { readBundle, writeBundle } from '../core/bundle';
import { deflatedZeros, rawZip } from '../core/zip-fixtures';
import { dispatch } from '../api/dispatch';
import { ImportPool, importPool } from './import-pool';
import { WorkerPool } from '../search/worker-pool';
import { toIndexable } from '../search/build-batch';
import { item } from '../search/test-fixtures';
import { parseWebPage } from '../interop/web-page';
import { MAX_PAGE_BYTES } from '../interop/page-limits';

const PARAGRAPH =
  'The minister said on Tuesday that talks between the two countries would continue next week, after a summit that ended without agreement on grain, cars or sanctions. ';

/** A page of about `bytes` bytes that is nearly all article text: Readability takes seconds over it. */
function textPage(bytes: number): Uint8Array {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes - 200; i++) {
    const p = `<p>${i} ${PARAGRAPH.repeat(3)}</p>\n`;
    paragraphs.push(p);
    size += p.length;
  }
  return strToU8(
    `<!doctype html><html><head><title>Big</title></head><body><article><h1>Big</h1>${paragraphs.join('')}</article></body></html>`,
  );
}

/**
 * A big page as big sites make them: about `bytes` bytes, most of it scripts, styles, icons
 * and navigation markup, around an article of a few hundred paragraphs.
 */
function sitePage(bytes: number): Uint8Array {
  const article = Array.from(
    { length: 300 },
    (_, i) => `<p class="story-body__text">${i} ${PARAGRAPH.repeat(3)}</p>`,
  ).join('\n');
  const nav = Array.from(
    { length: 400 },
    (_, i) =>
      `<li class="nav__item nav__item--${i}"><a class="nav__link" href="/section/${i}"><svg viewBox="0 0 24 24" class="icon"><path d="M12 2L2 7l10 5 10-5-10-5z"/></svg><span>Section ${i}</span></a></li>`,
  ).join('');
  const head = `<!doctype html><html lang="en"><head><title>A big story – Site</title><style>${'.c{color:red}'.repeat(2000)}</style></head><body><header><nav><ul>${nav}</ul></nav></header><main><article><h1>A big story</h1>${article}</article></main>`;
  const chunks: string[] = [head];
  let size = head.length;
  for (let i = 0; size < bytes - 200; i++) {
    const script = `<script type="application/json" id="data-${i}">${JSON.stringify({ id: i, items: Array.from({ length: 50 }, (_, j) => ({ j, title: `Related story ${j}`, url: `/story/${i}/${j}` })) })}</script>\n`;
    chunks.push(script);
    size += script.length;
  }
  chunks.push('<footer><p>Copyright</p></footer></body></html>');
  return strToU8(chunks.join(''));
}

/** Watches this thread while `work` runs: the longest stall between 5 ms timer ticks, and how long small calls took. */
async function whileWatching<T>(
  work: () => Promise<T>,
  probe: () => Promise<unknown>,
): Promise<{ result: T; maxStallMs: number; maxCallMs: number; calls: number }> {
  let last = performance.now();
  let maxStallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last - 5);
    last = now;
  }, 5);
  let running = true;
  let maxCallMs = 0;
  let calls = 0;
  const prober = (async () => {
    while (running) {
      const t0 = performance.now();
      await probe();
      maxCallMs = Math.max(maxCallMs, performance.now() - t0);
      calls++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    const result = await work();
    return { result, maxStallMs, maxCallMs, calls };
  } finally {
    running = false;
    clearInterval(tick);
    await prober;
  }
}

/**
 * The longest this thread may stall: 100 ms. The stall is wall-clock time, so on a machine
 * whose cores are oversubscribed (load above twice the cores, as on a shared CI box) the OS
 * alone takes that much from a thread that is idle; there the bound is 400 ms, still far
 * below the seconds a page parsed on this thread would take (see the last test).
 */
function stallBound(): number {
  return os.loadavg()[0] > 2 * os.cpus().length ? 400 : 100;
}

const pools: ImportPool[] = [];
afterAll(async () => {
  await Promise.all([...pools, importPool].map((p) => p.stop()));
});

describe('the import pool', () => {
  // A wall-clock measure: on a box whose two cores are shared, the OS may preempt this thread; retried before it fails.
  it(
    'imports a page just under the size limit while other calls are answered within 100 ms',
    { timeout: 60_000, retry: 2 },
    async () => {
      const { archive, cleanup } = await tempArchive({ seeded: false });
      try {
        const page = sitePage(MAX_PAGE_BYTES - 100_000);
        const data = Buffer.from(page).toString('base64');
        await importPool.parseFile({ name: 'warm.txt', bytes: strToU8('A short text to start the worker.') });
        const before = importPool.workerJobs;
        const t0 = performance.now();
        const { result, maxStallMs, maxCallMs, calls } = await whileWatching(
          () => dispatch(archive, 'import.files', { files: [{ name: 'big.html', data }] }),
          () => dispatch(archive, 'archive.info', {}),
        );
        const importMs = performance.now() - t0;
        expect(result.ok && result.value.imported).toHaveLength(1);
        expect(archive.item((result.ok && result.value.imported[0]) as string).title).toMatch(/^A big story/);
        expect(importPool.workerJobs).toBe(before + 1);
        console.log(
          `${(page.length / 1024 / 1024).toFixed(1)} MB page imported in ${importMs.toFixed(0)} ms on the worker: longest stall of this thread ${maxStallMs.toFixed(0)} ms, slowest of ${calls} other calls ${maxCallMs.toFixed(0)} ms (load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
        );
        expect(calls).toBeGreaterThan(10);
        expect(maxStallMs).toBeLessThanOrEqual(stallBound());
        expect(maxCallMs).toBeLessThanOrEqual(100);
      } finally {
        await cleanup();
      }
    },
  );

  it('refuses a 10 MB page at once, without a stall', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    try {
      const data = Buffer.from(sitePage(10 * 1024 * 1024)).toString('base64');
      const { result, maxStallMs } = await whileWatching(
        () => dispatch(archive, 'import.files', { files: [{ name: 'huge.html', data }] }),
        () => dispatch(archive, 'archive.info', {}),
      );
      expect(result.ok && result.value.skipped).toEqual([
        { file: 'huge.html', reason: 'huge.html is too large to import (10.0 MB; pages up to 5.0 MB are imported)' },
      ]);
      expect(maxStallMs).toBeLessThanOrEqual(stallBound());
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('ends a job that runs past its deadline, and the next job gets a fresh worker', async () => {
    const pool = new ImportPool({ timeoutMs: 800 });
    pools.push(pool);
    await expect(pool.parsePage(textPage(3 * 1024 * 1024), { name: 'slow.html' })).rejects.toThrow(
      'slow.html took too long to read (over 800 ms)',
    );
    const parsed = await pool.parseFile({
      name: 'after.txt',
      bytes: strToU8('Text after the stuck one, long enough to be an article.'),
    });
    expect(parsed.drafts[0].text).toContain('Text after the stuck one');
  }, 60_000);

  it('ends a job that needs more memory than the worker may have', async () => {
    const pool = new ImportPool({ heapMb: 96 });
    pools.push(pool);
    await expect(pool.parsePage(textPage(4 * 1024 * 1024), { name: 'greedy.html' })).rejects.toThrow(
      'greedy.html is too large to read (it needed more than 96 MB)',
    );
  }, 60_000);

  it('hands a file’s bytes to a running worker without copying them', async () => {
    await importPool.parseFile({ name: 'warm.txt', bytes: strToU8('A short text to start the worker.') });
    const bytes = strToU8('Handed over to the worker rather than copied: this thread keeps nothing of it.');
    const parsed = await importPool.parseFile({ name: 'handed.txt', bytes }, { handOver: true });
    expect(parsed.drafts[0].text).toContain('Handed over to the worker');
    expect(bytes.byteLength).toBe(0); // detached: the worker has it
    const shared = strToU8('A slice shares its buffer with others, so it is copied instead of handed over.');
    const slice = shared.subarray(2);
    await importPool.parseFile({ name: 'slice.txt', bytes: slice }, { handOver: true });
    expect(slice.byteLength).toBe(shared.byteLength - 2);
  });

  it('starts a second worker while jobs wait, and each job gets its own answer', async () => {
    const texts = Array.from(
      { length: 24 },
      (_, i) => `Text number ${i}, long enough to be read as a short article about ferries.`,
    );
    for (const workers of [1, 2]) {
      const pool = new ImportPool({ workers });
      pools.push(pool);
      const parsed = await Promise.all(
        texts.map((text, i) => pool.parseFile({ name: `t${i}.txt`, bytes: strToU8(text) })),
      );
      expect(parsed.map((p) => p.drafts[0].text)).toEqual(texts);
      expect(pool.workerJobs).toBe(texts.length);
      // The first worker took jobs while it started; once it was ready, jobs still waited.
      expect(pool.workers).toBe(workers);
    }
  }, 60_000);

  it('ends a worker left idle, and starts a fresh one for the next job', async () => {
    const pool = new ImportPool({ idleMs: 200 });
    pools.push(pool);
    const read = (text: string) => pool.parseFile({ name: 'idle.txt', bytes: strToU8(text) });
    expect((await read('A first text, long enough to be read as a short article.')).drafts).toHaveLength(1);
    expect(pool.workers).toBe(1);
    await vi.waitFor(() => expect(pool.workers).toBe(0), { timeout: 5000, interval: 50 });
    const again = await read('A second text, read by a worker started for it after the first ended.');
    expect(again.drafts[0].text).toContain('read by a worker started for it');
    expect(pool.workerJobs).toBe(2);
  }, 30_000);

  it('ends its idle worker as soon as an index build starts one', async () => {
    // Idle for a minute, unless something else needs a worker: then at once.
    const pool = new ImportPool({ idleMs: 60_000 });
    pools.push(pool);
    await pool.parseFile({
      name: 'before.txt',
      bytes: strToU8('A text read just before the index builds what it added.'),
    });
    expect(pool.workers).toBe(1);
    const builds = new WorkerPool(1);
    const built: number[] = [];
    const docs = [
      toIndexable(
        item({ id: '0000000000000001', title: 'Grain talks', body: 'The two countries talked about grain.' }),
      ),
    ];
    await builds.run([{ contentDir: '', dir: '', docs }], (b) => built.push(b.data.ids.length));
    expect(built).toEqual([1]);
    expect(builds.workerBuilds).toBe(1);
    await vi.waitFor(() => expect(pool.workers).toBe(0), { timeout: 5000, interval: 20 });
    // The next job starts a fresh worker, as after any idle end.
    const again = await pool.parseFile({
      name: 'after.txt',
      bytes: strToU8('A text read after the build, by a fresh worker.'),
    });
    expect(again.drafts[0].text).toContain('by a fresh worker');
    expect(pool.workerJobs).toBe(2);
  }, 60_000);

  it('runs jobs inline when no worker can start', async () => {
    const text = {
      name: 'inline.txt',
      bytes: strToU8('Parsed on this thread, because there is no worker to parse it.'),
    };
    const none = new ImportPool({ entry: () => null });
    const broken = new ImportPool({ entry: () => ({ code: 'throw new Error("cannot load")', eval: true }) });
    pools.push(none, broken);
    for (const pool of [none, broken]) {
      const parsed = await pool.parseFile({ ...text, bytes: text.bytes.slice() }, { handOver: true });
      expect(parsed.drafts[0].text).toContain('Parsed on this thread');
      expect(pool.inlineJobs).toBe(1);
      expect(pool.workerJobs).toBe(0);
    }
    await expect(none.parseFile({ name: 'x.bin', bytes: new Uint8Array(10) })).rejects.toThrow(
      'x.bin cannot be imported: it holds nothing but NUL bytes, not text',
    );
  }, 60_000);

  // What the worker saves: the same pages parsed on this thread hold it for seconds.
  it('(for comparison) parsing a big page inline blocks the thread far longer than 100 ms', () => {
    for (const [name, page] of [
      ['site', sitePage(MAX_PAGE_BYTES - 100_000)],
      ['all-text', textPage(MAX_PAGE_BYTES - 100_000)],
    ] as const) {
      const t0 = performance.now();
      parseWebPage(page, { name });
      const ms = performance.now() - t0;
      console.log(
        `${name} page of ${(page.length / 1024 / 1024).toFixed(1)} MB parsed inline: thread blocked ${ms.toFixed(0)} ms`,
      );
      expect(ms).toBeGreaterThan(100);
    }
  }, 120_000);

  it(
    'reads a bundle on the worker: a big one without holding up this thread, a bomb refused with the same line',
    { timeout: 120_000, retry: 2 },
    async () => {
      const { archive, cleanup } = await tempArchive({ seeded: false });
      try {
        for (let batch = 0; batch < 15; batch++) {
          await Promise.all(
            Array.from({ length: 100 }, (_, j) => batch * 100 + j).map((i) =>
              addItem(
                archive,
                draft(`Story ${i}`, `${i} ${PARAGRAPH.repeat(6)}`, { html: `<p>${i} ${PARAGRAPH.repeat(6)}</p>` }),
              ),
            ),
          );
        }
        const bytes = await writeBundle(archive);
        const t0 = performance.now();
        readBundle(bytes);
        const inlineMs = performance.now() - t0;
        await importPool.parseFile({ name: 'warm.txt', bytes: strToU8('A short text to start the worker.') });
        const before = importPool.workerJobs;
        const { result, maxStallMs } = await whileWatching(
          () => importPool.readBundle({ name: 'big.dossier', bytes: bytes.slice() }, { handOver: true }),
          async () => undefined,
        );
        expect(result.data.items).toHaveLength(1500);
        expect(result.content.size).toBe(3000);
        expect(new TextDecoder().decode(result.content.get(`${result.data.items[0].id}.txt`))).toContain(
          PARAGRAPH.trim(),
        );
        expect(importPool.workerJobs).toBe(before + 1);
        expect(maxStallMs).toBeLessThanOrEqual(stallBound());
        console.log(
          `bundle of 1,500 items (${(bytes.length / 1024 / 1024).toFixed(1)} MB): read inline ${inlineMs.toFixed(0)} ms; on the worker, longest stall of this thread ${maxStallMs.toFixed(0)} ms`,
        );
        const bomb = rawZip([
          {
            name: 'dossier.json',
            stored: await deflatedZeros(50 * 1024 * 1024),
            method: 8,
            declaredSize: 50 * 1024 * 1024,
          },
        ]);
        await expect(importPool.readBundle({ name: 'bomb.dossier', bytes: bomb })).rejects.toThrow(
          /^This \.dossier bundle was refused: dossier\.json would inflate \d+ times \(a zip bomb\)\. Nothing was imported\.$/,
        );
      } finally {
        await cleanup();
      }
    },
  );
});
