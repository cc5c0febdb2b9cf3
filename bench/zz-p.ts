import { readFileSync } from 'node:fs';
import { openSearchIndex } from '../archive/search/index';
import { toMeta } from './engines/dossier';
const dir = process.argv[2];
const metas = JSON.parse(readFileSync(dir + '/metas.json', 'utf8'));
const idx = await openSearchIndex({ dir: dir + '/idx-dossier', contentDir: dir + '/content', metas: metas.map(toMeta) });
for (const q of ['"prime minister"', '"world cup"', '+prime +minister', 'economy', 'economy', 'film', 'music award']) {
  for (let r = 0; r < 6; r++) { const t = performance.now(); const res = await idx.query({ q, limit: r == 5 ? 0 : 20 }); if (r >= 4) console.log(q, r, (performance.now() - t).toFixed(2), res.total); }
}
await idx.close();
