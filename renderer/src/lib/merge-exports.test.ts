import { describe, expect, it } from 'vitest';
import { mergeExports } from './merge-exports';

describe('mergeExports (a selection exported item by item)', () => {
  it('makes one JSON document holding every item', () => {
    const doc = (id: string) => [
      {
        path: 'dossier-notes.json',
        content: `${JSON.stringify({ version: 1, exported: '2026-12-01', items: [{ item: { id } }] }, null, 2)}\n`,
      },
    ];
    const [file, ...more] = mergeExports('json', [doc('a'), doc('b')]);
    expect(more).toEqual([]);
    expect(JSON.parse(file.content)).toEqual({
      version: 1,
      exported: '2026-12-01',
      items: [{ item: { id: 'a' } }, { item: { id: 'b' } }],
    });
  });

  it('keeps one CSV header row (and the byte order mark once)', () => {
    const csv = (row: string) => [{ path: 'dossier-notes.csv', content: `\ufefftype,item_id\r\n${row}\r\n` }];
    const [file] = mergeExports('csv', [
      csv('note,a'),
      [{ path: 'dossier-notes.csv', content: '\ufefftype,item_id\r\n' }],
      csv('highlight,b'),
    ]);
    expect(file.content).toBe('\ufefftype,item_id\r\nnote,a\r\nhighlight,b\r\n');
  });

  it('gives a digest one heading with the whole count', () => {
    const digest = (title: string) => [
      {
        path: 'dossier-digest.md',
        content: `# Dossier digest\n\nExported 2026-12-01 · 1 item\n\n## ${title}\n\n### Notes\n\nText of ${title}\n`,
      },
    ];
    const [file] = mergeExports('digest', [digest('One'), digest('Two')]);
    expect(file.content).toBe(
      '# Dossier digest\n\nExported 2026-12-01 · 2 items\n\n## One\n\n### Notes\n\nText of One\n\n## Two\n\n### Notes\n\nText of Two\n',
    );
  });

  it('keeps every Markdown file, renaming a path that is taken, and nothing when nothing came', () => {
    const md = [
      [{ path: 'notes/a.md', content: 'A' }],
      [
        { path: 'notes/a.md', content: 'A again' },
        { path: 'notes/b.md', content: 'B' },
      ],
    ];
    expect(mergeExports('md', md).map((f) => f.path)).toEqual(['notes/a.md', 'notes/a-2.md', 'notes/b.md']);
    expect(mergeExports('digest', [[], []])).toEqual([]);
  });
});
