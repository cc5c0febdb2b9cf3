import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignFileNames, safeFileStem } from './file-names';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\s*\..*)?$/i;

function isSafe(name: string): boolean {
  const base = name.replace(/\.md$/, '');
  return (
    name.length > 3 &&
    !/[<>:"/\\|?*\u0000-\u001f]/.test(name) &&
    !/[ .]$/.test(base) &&
    !name.startsWith('.') &&
    !WINDOWS_RESERVED.test(base.split('.')[0]) &&
    new TextEncoder().encode(name).length <= 200
  );
}

describe('safeFileStem', () => {
  it.each([
    ['Oil prices: what "OPEC+" decided', "Oil prices - what 'OPEC+' decided"],
    ['a/b\\c|d', 'a-b-c-d'],
    ['Why? <Because*>', 'Why Because'],
    ['  ...hidden. ', 'hidden'],
    ['CON', 'CON_'],
    ['lpt1.txt', 'lpt1_.txt'],
    ['', 'Untitled'],
    ['???', 'Untitled'],
  ])('%j → %j', (title, stem) => {
    expect(safeFileStem(title)).toBe(stem);
  });

  it('cuts long titles between characters, never inside one', () => {
    const stem = safeFileStem('é'.repeat(80) + '👩‍👩‍👧'.repeat(10));
    expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(100);
    expect(stem).toBe('é'.repeat(50));
  });

  it('is always safe, whatever the title', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (title) => {
        expect(isSafe(`${safeFileStem(title)}.md`)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('assignFileNames', () => {
  it('gives clashing titles (ignoring case) distinct names, the lowest id keeping the plain one', () => {
    const names = assignFileNames([
      { id: 'b2', title: 'Report' },
      { id: 'a1', title: 'REPORT' },
      { id: 'c3', title: 'Other' },
    ]);
    expect(Object.fromEntries(names)).toEqual({ a1: 'REPORT.md', b2: 'Report (b2).md', c3: 'Other.md' });
  });

  const items = fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[0-9a-f]{16}$/),
      title: fc.oneof(fc.constantFrom('Report', 'report', 'CON', 'a:b', 'a - b', ''), fc.string({ maxLength: 40 })),
    }),
    { selector: (i) => i.id, maxLength: 30 },
  );

  it('is stable: the same items in any order get the same names, all distinct and safe', () => {
    fc.assert(
      fc.property(items, fc.context(), (list, ctx) => {
        const names = assignFileNames(list);
        const again = assignFileNames([...list].reverse());
        expect(Object.fromEntries(again)).toEqual(Object.fromEntries(names));
        const lower = [...names.values()].map((n) => n.toLowerCase());
        ctx.log(JSON.stringify(lower));
        expect(new Set(lower).size).toBe(list.length);
        for (const name of names.values()) expect(isSafe(name)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('names files that a real file system accepts, one file per item', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-names-'));
    try {
      const list = fc.sample(items, { numRuns: 5, seed: 42 }).flat();
      const unique = [...new Map(list.map((i) => [i.id, i])).values()];
      const names = assignFileNames(unique);
      for (const name of names.values()) await writeFile(join(dir, name), 'x');
      expect((await readdir(dir)).length).toBe(unique.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
