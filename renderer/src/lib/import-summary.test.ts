import { describe, expect, it } from 'vitest';
import { countImport, hasFailures, importHeadline } from './import-summary';

const dup = (file: string) => ({ file, reason: 'already in the archive as “River levels rise”' });

describe('importHeadline', () => {
  it('says a duplicate was already there instead of "0 items, 1 file left out"', () => {
    const counts = countImport(0, [dup('river.txt')]);
    expect(importHeadline(counts)).toBe('Nothing new: this was already in the archive.');
    expect(hasFailures(counts)).toBe(false);
  });

  it('counts entries inside one export file as entries, not files', () => {
    const skipped = Array.from({ length: 10 }, (_, i) => ({
      file: `pocket.html › Link ${i}`,
      reason: 'the entry has no web address',
    }));
    expect(importHeadline(countImport(3, skipped))).toBe('Imported 3 items. 10 entries left out.');
  });

  it('names each kind once, files apart from entries and duplicates', () => {
    const counts = countImport(1, [
      dup('a.txt'),
      dup('b.html › B'),
      { file: 'mystery.bin', reason: 'not a format Dossier reads' },
      { file: 'x.json › X', reason: 'no title' },
    ]);
    expect(counts).toEqual({ imported: 1, duplicates: 2, entries: 1, files: 1 });
    expect(importHeadline(counts)).toBe(
      'Imported 1 item. 2 already in the archive, 1 entry left out, 1 file left out.',
    );
    expect(hasFailures(counts)).toBe(true);
  });

  it('says plainly when everything went in', () => {
    expect(importHeadline(countImport(4, []))).toBe('Imported 4 items.');
    expect(importHeadline(countImport(0, [dup('a'), dup('b')]))).toBe(
      'Nothing new: all 2 were already in the archive.',
    );
  });
});
