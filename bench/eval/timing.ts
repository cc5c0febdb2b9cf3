// Timings at 10,000 items (the benchmark's corpus): related items per call, and queries
// made mostly of wildcards, each the slowest of several runs after a warm-up.

import { makeCorpus } from '../corpus';
import { openDocs } from './harness';

export const WILDCARDS = ['a*', 's*', 'con*', '*tion', '*e*', 'st* pr*', 'c*t*', 'pre* pro* con*'];

export async function timing10k(rand: () => number) {
  const docs = makeCorpus(10_000);
  const opened = await openDocs(docs.map((d) => ({ id: d.id, title: d.title, body: d.body, tags: d.tags, published: d.published })));
  try {
    const ids = docs.map((d) => d.id);
    const t0 = performance.now();
    await opened.index.related(ids[0], { exclude: [], limit: 10 });
    const firstRelated = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = ids[Math.floor(rand() * ids.length)];
      const s = performance.now();
      await opened.index.related(id, { exclude: [], limit: 10 });
      times.push(performance.now() - s);
    }
    times.sort((x, y) => x - y);
    let wildcardMax = 0;
    const perQuery: Record<string, number> = {};
    for (const q of WILDCARDS) {
      await opened.index.query({ q });
      let worst = 0;
      for (let r = 0; r < 5; r++) {
        const s = performance.now();
        await opened.index.query({ q });
        worst = Math.max(worst, performance.now() - s);
      }
      perQuery[q] = worst;
      wildcardMax = Math.max(wildcardMax, worst);
    }
    return { firstRelated, relatedP50: times[100], relatedP95: times[190], relatedMax: times[199], wildcardMax, perQuery };
  } finally {
    await opened.close();
  }
}
