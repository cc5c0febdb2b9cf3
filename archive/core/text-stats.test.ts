import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { excerptOf, textHash } from './text-stats';

// The plain definitions the fast versions must agree with.
function slowExcerpt(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/, '')}…`;
}
function slowHash(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ').trim().toLowerCase();
  return flat.length < 40 ? null : createHash('sha256').update(flat).digest('hex').slice(0, 32);
}

const texty = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\u00a0', ' \r\n ', '\u2003'),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 400 },
  )
  .map((a) => a.join(''));

describe('text stats', () => {
  it('excerpt and hash equal their plain definitions', () => {
    fc.assert(
      fc.property(texty, fc.integer({ min: 0, max: 300 }), (text, max) => {
        expect(excerptOf(text, max)).toBe(slowExcerpt(text, max));
        expect(excerptOf(text)).toBe(slowExcerpt(text));
        expect(textHash(text)).toBe(slowHash(text));
      }),
      { numRuns: 500 },
    );
  });

  it('take milliseconds, not a second, over 5 MB of text', () => {
    const text = 'The minister said on Tuesday that talks would continue next week.\n\n'.repeat(80_000);
    expect(excerptOf(text)).toBe(slowExcerpt(text));
    expect(textHash(text)).toBe(slowHash(text));
    const t1 = performance.now();
    excerptOf(text);
    textHash(text);
    expect(performance.now() - t1).toBeLessThan(200);
  });
});
