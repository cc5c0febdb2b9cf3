import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords, writeCsv } from './csv';

describe('csv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","say ""hi""","line\r\nbreak"\r\nx,,z\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'line\r\nbreak'],
      ['x', '', 'z'],
    ]);
  });

  it('keys records by the lower-cased header and skips blank lines', () => {
    expect(parseCsvRecords('\ufeffURL,Title\nhttps://a,A\n\n').records).toEqual([{ url: 'https://a', title: 'A' }]);
  });

  it('reads back exactly what it writes', () => {
    const rows = fc.array(fc.array(fc.string({ unit: 'grapheme-composite' }), { minLength: 2, maxLength: 5 }), {
      minLength: 1,
      maxLength: 10,
    });
    fc.assert(
      fc.property(rows, (table) => {
        expect(parseCsv(writeCsv(table))).toEqual(table);
      }),
      { numRuns: 500 },
    );
  });
});
