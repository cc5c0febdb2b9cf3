import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from './csv';
import { CSV_COLUMNS } from './export-csv';
import { EXPORTED, sampleEntries } from './export-fixture';
import { NOTES_FORMATS, writeNotesExport } from './export-notes';

describe('digest export', () => {
  it('is one Markdown file with every annotated item, its highlights in text order, notes and related titles', () => {
    const [file] = writeNotesExport(sampleEntries(), 'digest', EXPORTED);
    expect(file.path).toBe('Dossier digest.md');
    const c = file.content;
    expect(c).toMatch(/^# Dossier digest\n\nExported 2026-11-27 · 2 items\n/);
    expect(c).not.toContain('## CON');
    expect(c.indexOf('> First passage.')).toBeLessThan(c.indexOf('> Second passage,'));
    expect(c).toContain('> Second passage,\n> over two lines.\n\nA comment, with "quotes"');
    expect(c).toContain('## Gas [update]\n\n### Notes\n\nOnly a note.');
    expect(c).toContain('- Gas \\[update\\] (id b000000000000002, follow-up)');
    expect(c).toContain('MENAFN · 2024-10-06 · <https://news.example.com/a000000000000001> · tags: energy, policy');
  });

  it('writes every date as a calendar date, and keeps a note’s headings below its own', () => {
    const entries = sampleEntries();
    entries[0].item.published = '2024-10-06T08:30:00.000Z';
    const c = writeNotesExport(entries, 'digest', EXPORTED)[0].content;
    expect(c).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(c).toContain('MENAFN · 2024-10-06 · <https');
    expect(c).toContain('### Notes\n\n#### My take\n\nEarlier note.');
  });
});

describe('every notes format', () => {
  it('leaves out items with neither notes nor highlights', () => {
    const bare = sampleEntries()[2];
    for (const format of NOTES_FORMATS) {
      const files = writeNotesExport([bare], format, EXPORTED);
      expect(files.map((f) => f.content).join('\n'), format).not.toContain('c000000000000003');
    }
    expect(writeNotesExport(sampleEntries(), 'md', EXPORTED).map((f) => f.path)).toHaveLength(2);
  });
});

describe('JSON export', () => {
  it('is versioned and holds the same data, highlights in text order and notes oldest first', () => {
    const [file] = writeNotesExport(sampleEntries(), 'json', EXPORTED);
    const doc = JSON.parse(file.content) as {
      version: number;
      exported: string;
      items: Array<{
        item: { id: string };
        highlights: Array<{ id: string }>;
        notes: Array<{ id: string }>;
        related: unknown[];
      }>;
    };
    expect(file.path).toBe('dossier-notes.json');
    expect(doc.version).toBe(1);
    expect(doc.exported).toBe(EXPORTED);
    expect(doc.items.map((i) => i.item.id)).toEqual(['a000000000000001', 'b000000000000002']);
    expect(doc.items[0].highlights.map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(doc.items[0].notes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(doc.items[0].related).toEqual(sampleEntries()[0].related);
    expect(doc.items[0].item).toEqual(sampleEntries()[0].item);
  });
});

describe('CSV export', () => {
  it('has one row per highlight or note, quoted so that a CSV reader gets the fields back', () => {
    const [file] = writeNotesExport(sampleEntries(), 'csv', EXPORTED);
    expect(file.path).toBe('dossier-notes.csv');
    expect(file.content.startsWith('\ufefftype,item_id,')).toBe(true);
    expect(file.content).toContain('\r\n');
    const { header, records } = parseCsvRecords(file.content);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records.map((r) => [r.type, r.id])).toEqual([
      ['highlight', 'h1'],
      ['highlight', 'h2'],
      ['note', 'n1'],
      ['note', 'n2'],
      ['note', 'n3'],
    ]);
    expect(records[1]).toMatchObject({
      item_title: 'Oil prices: what "OPEC+" decided, and why',
      quote: 'Second passage,\nover two lines.',
      text: 'A comment, with "quotes"',
      start: '400',
      end: String(400 + 'Second passage,\nover two lines.'.length),
      item_tags: 'energy; policy',
    });
    expect(records[2].text).toBe('# My take\n\nEarlier note.');
  });
});

describe('every format', () => {
  it('gives the same output for the same input and exported stamp, and relative paths only', () => {
    for (const format of NOTES_FORMATS) {
      const files = writeNotesExport(sampleEntries(), format, EXPORTED);
      expect(writeNotesExport(sampleEntries(), format, EXPORTED)).toEqual(files);
      for (const f of files) expect(f.path).not.toMatch(/^[/\\]|\.\.|^[a-z]:/i);
    }
  });

  it('copes with an empty export', () => {
    expect(writeNotesExport([], 'md', EXPORTED)).toEqual([]);
    expect(writeNotesExport([], 'csv', EXPORTED)[0].content).toBe(`\ufeff${CSV_COLUMNS.join(',')}\r\n`);
    expect(JSON.parse(writeNotesExport([], 'json', EXPORTED)[0].content).items).toEqual([]);
  });
});
