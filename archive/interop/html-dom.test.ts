// jsdom loads the first time a page is opened, not with the importers: a fresh process that
// imports plain text and a CSV export never loads it, and one that imports a page does.

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const registry = path.join(root, 'archive/interop/registry.ts');

/** Imports `files` with the registry in a fresh process; says what they became and whether jsdom loaded. */
function importInFreshProcess(files: Array<{ name: string; text: string }>): { formats: string[]; jsdom: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { parseSourceFile } = await import(${JSON.stringify(registry)});
    const formats = [];
    for (const f of ${JSON.stringify(files)})
      formats.push((await parseSourceFile({ name: f.name, bytes: new TextEncoder().encode(f.text) })).format);
    const cache = createRequire(import.meta.url).cache;
    console.log(JSON.stringify({ formats, jsdom: Object.keys(cache).some((k) => k.includes('/node_modules/jsdom/')) }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
    cwd: root,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim());
}

describe('jsdom on demand', () => {
  it('is not loaded to import plain text or a CSV export, and is loaded for a web page', () => {
    const text = { name: 'a.txt', text: 'A headline\n\nThe first paragraph of an article.' };
    const csv = {
      name: 'part_000000.csv',
      text: 'title,url,time_added,tags,status\nAn article,https://example.com/a,1700000000,,unread\n',
    };
    expect(importInFreshProcess([text, csv])).toEqual({ formats: ['plain-text', 'pocket-csv'], jsdom: false });
    const page = {
      name: 'a.html',
      text: `<html><head><title>A page</title></head><body><article><p>${'Words of an article. '.repeat(40)}</p></article></body></html>`,
    };
    expect(importInFreshProcess([text, page])).toMatchObject({ jsdom: true });
  });
});
