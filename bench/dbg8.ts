import { readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { openSearchIndex } from '../archive/search/index';
import { toMeta } from './engines/dossier';
import { QUERIES } from './queries';
const dir = path.join(os.tmpdir(), 'dossier-bench/10000');
const metas = JSON.parse(readFileSync(path.join(dir, 'metas.json'), 'utf8'));
const t0 = performance.now();
const idx = await openSearchIndex({ dir: '/tmp/dbg8-index', contentDir: path.join(dir, 'content'), metas: metas.map(toMeta) });
await idx.query({ q: 'economy' });
console.log('open+first', (performance.now() - t0).toFixed(0));
await idx.flush();
for (let r = 0; r < 2; r++) for (const q of QUERIES) await idx.query({ q: q.text, limit: 20 });
const rows: string[] = [];
for (const q of QUERIES) {
  const t: number[] = [];
  for (let r = 0; r < 15; r++) { const s = performance.now(); await idx.query({ q: q.text, limit: 20 }); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  rows.push(`${q.text.padEnd(26)} med ${t[7].toFixed(2)} max ${t[14].toFixed(2)}`);
}
console.log(rows.join('\n'));
await idx.close();
