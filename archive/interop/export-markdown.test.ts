import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORTED, sampleEntries } from './export-fixture';
import { exportMarkdown } from './export-markdown';
import { splitFrontMatter } from './front-matter';

describe('exportMarkdown', () => {
  it('writes one file per item, named from its title and safe everywhere', () => {
    expect(exportMarkdown(sampleEntries(), EXPORTED).map((f) => f.path)).toEqual([
      "Oil prices - what 'OPEC+' decided, and why.md",
      'Gas [update].md',
      'CON_.md',
    ]);
  });

  it('opens with front matter a YAML parser reads back exactly', () => {
    const [oil] = exportMarkdown(sampleEntries(), EXPORTED);
    const { data } = splitFrontMatter(oil.content);
    expect(data).toEqual({
      id: 'a000000000000001',
      title: 'Oil prices: what "OPEC+" decided, and why',
      source: 'MENAFN',
      url: 'https://news.example.com/a000000000000001',
      published: '2024-10-06',
      tags: ['energy', 'policy'],
      related: [
        { id: 'b000000000000002', title: 'Gas [update]', label: 'follow-up', file: 'Gas [update].md' },
        { id: 'z000000000000009', title: 'Not exported', label: null },
      ],
      exported: EXPORTED,
    });
  });

  it('lists highlights in text order, each followed by its comment, then the notes, then related links', () => {
    const { body } = splitFrontMatter(exportMarkdown(sampleEntries(), EXPORTED)[0].content);
    expect(body).toBe(
      [
        '',
        '# Oil prices: what "OPEC+" decided, and why',
        '',
        '<https://news.example.com/a000000000000001>',
        '',
        '## Highlights',
        '',
        '> First passage.',
        '',
        '> Second passage,',
        '> over two lines.',
        '',
        'A comment, with "quotes"',
        '',
        '## Notes',
        '',
        '### My take',
        '',
        'Earlier note.',
        '',
        '---',
        '',
        'Later note.',
        '',
        '## Related',
        '',
        '- [Gas \\[update\\]](<Gas [update].md>) (follow-up)',
        '- Not exported',
        '',
      ].join('\n'),
    );
  });

  it('is deterministic and keeps file names when exported again with more items', () => {
    const entries = sampleEntries();
    expect(exportMarkdown(entries, EXPORTED)).toEqual(exportMarkdown(entries, EXPORTED));
    const more = [...entries, { ...entries[1], item: { ...entries[1].item, id: 'f000000000000006' } }];
    const paths = exportMarkdown(more, EXPORTED).map((f) => f.path);
    expect(paths.slice(0, 3)).toEqual(exportMarkdown(entries, EXPORTED).map((f) => f.path));
    expect(paths[3]).toBe('Gas [update] (f000000000000006).md');
  });

  it('re-exporting into the same folder overwrites the files instead of adding new ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-md-'));
    try {
      for (const stamp of [EXPORTED, '2026-12-01T00:00:00.000Z']) {
        for (const file of exportMarkdown(sampleEntries(), stamp)) await writeFile(join(dir, file.path), file.content);
      }
      expect((await readdir(dir)).sort()).toEqual([
        'CON_.md',
        'Gas [update].md',
        "Oil prices - what 'OPEC+' decided, and why.md",
      ]);
      expect(await readFile(join(dir, 'CON_.md'), 'utf8')).toContain('exported: "2026-12-01T00:00:00.000Z"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
