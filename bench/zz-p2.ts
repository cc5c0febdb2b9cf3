import { readFileSync } from 'node:fs';
import { openSearchIndex } from '../archive/search/index';
import { toMeta } from './engines/dossier';
const dir = process.argv[2];
const metas = JSON.parse(readFileSync(dir + '/metas.json', 'utf8'));
const idx = await openSearchIndex({ dir: dir + '/idx-dossier', contentDir: dir + '/content', metas: metas.map(toMeta) });
for (const q of (process.argv[3] ?? '"world cup"').split(',')) {
  const ts: number[] = [];
  for (let r = 0; r < 40; r++) { const t = performance.now(); await idx.query({ q, limit: 20 }); ts.push(performance.now() - t); }
  console.log(q, ts.map((x) => x.toFixed(1)).join(' '));
}
await idx.close();
