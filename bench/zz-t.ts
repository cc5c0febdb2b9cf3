import { parseQuery } from '../archive/search/query-parser';
console.log(JSON.stringify(parseQuery('tag:sport year:2020')));
import { readFileSync } from 'node:fs';
const metas = JSON.parse(readFileSync('/tmp/dossier-bench/1000/metas.json', 'utf8'));
console.log(metas.slice(0,3).map((m: any) => [m.tags, m.published]));
console.log(metas.filter((m: any) => m.tags.includes('Sport') && m.published.startsWith('2020')).length);
