// Timings at 10,000 items (the benchmark's corpus): related items per call, and queries
// made mostly of wildcards, each the slowest of several runs after a warm-up. Each is
// measured as wall-clock time and as this process's CPU time: on a shared machine the
// wall clock also counts the time spent waiting for a core.

import { makeCorpus } from '../corpus';
import { QUERIES } from '../queries';
import { openDocs } from './harness';

/** Wall-clock and CPU milliseconds of one call. */
export async function timed(run: () => Promise<unknown>): Promise<[number, number]> {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  await run();
  const w = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return [w, (c.user + c.system) / 1000];
}

export const WILDCARDS = ['a*', 's*', 'con*', '*tion', '*e*', 'st* pr*', 'c*t*', 'pre* pro* con*'];

export async function timing10k(rand: () => number) {
  const docs = makeCorpus(10_000);
  const opened = await openDocs(
    docs.map((d) => ({
      id: d.id,
      title: d.title,
      body: d.body,
      tags: d.tags,
      published: d.published,
      source: d.source,
      notes: d.notes,
    })),
  );
  try {
    const ids = docs.map((d) => d.id);
    const t0 = performance.now();
    await opened.index.related(ids[0], { exclude: [], limit: 10 });
    const firstRelated = performance.now() - t0;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = ids[Math.floor(rand() * ids.length)];
      const [w, c] = await timed(() => opened.index.related(id, { exclude: [], limit: 10 }));
      times.push(w);
      cpu.push(c);
    }
    times.sort((x, y) => x - y);
    cpu.sort((x, y) => x - y);
    let wildcardMax = 0;
    let wildcardCpuMax = 0;
    const perQuery: Record<string, number> = {};
    for (const q of WILDCARDS) {
      await opened.index.query({ q });
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let r = 0; r < 5; r++) {
        const [w, c] = await timed(() => opened.index.query({ q }));
        walls.push(w);
        cpus.push(c);
      }
      walls.sort((x, y) => x - y);
      cpus.sort((x, y) => x - y);
      perQuery[q] = walls[2];
      wildcardMax = Math.max(wildcardMax, walls[2]);
      wildcardCpuMax = Math.max(wildcardCpuMax, cpus[2]);
    }
    // The benchmark's query mix, as `npm run bench` runs it, timed both ways.
    for (let r = 0; r < 2; r++) for (const q of QUERIES) await opened.index.query({ q: q.text, limit: 20 });
    const qWall: number[] = [];
    const qCpu: number[] = [];
    for (let r = 0; r < 10; r++) {
      for (const q of QUERIES) {
        const [w, c] = await timed(() => opened.index.query({ q: q.text, limit: 20 }));
        qWall.push(w);
        qCpu.push(c);
      }
    }
    qWall.sort((x, y) => x - y);
    qCpu.sort((x, y) => x - y);
    const at = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];
    const queries = {
      wallP50: at(qWall, 0.5),
      wallP95: at(qWall, 0.95),
      cpuP50: at(qCpu, 0.5),
      cpuP95: at(qCpu, 0.95),
    };
    return {
      queries,
      firstRelated,
      relatedP50: times[100],
      relatedP95: times[190],
      relatedMax: times[199],
      relatedCpuP95: cpu[190],
      wildcardMax,
      wildcardCpuMax,
      perQuery,
    };
  } finally {
    await opened.close();
  }
}
