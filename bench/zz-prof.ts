import { readFileSync } from 'node:fs';
import { openSearchIndex } from '../archive/search/index';
import { toMeta } from './engines/dossier';
import { QUERIES } from './queries';
const dir = process.argv[2];
const metas = JSON.parse(readFileSync(dir + '/metas.json', 'utf8'));
const idx = await openSearchIndex({ dir: dir + '/idx-dossier', contentDir: dir + '/content', metas: metas.map(toMeta) });
for (let r = 0; r < 3; r++) for (const q of QUERIES) { const t = performance.now(); const res = await idx.query({ q: q.text, limit: 20 }); if (r === 2) console.log(q.text.padEnd(28), (performance.now() - t).toFixed(2), res.total); }
await idx.close();
