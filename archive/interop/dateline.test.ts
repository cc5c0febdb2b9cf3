import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDateline } from './dateline';

describe('parseDateline', () => {
  it('reads the seed article’s dateline', () => {
    const d = parseDateline(' date 2024-10-06 (MENAFN) China’s Foreign Minister, Wang Yi, has declared');
    expect(d).toEqual({
      published: '2024-10-06',
      source: 'MENAFN',
      rest: 'China’s Foreign Minister, Wang Yi, has declared',
    });
  });

  it('reads wire datelines with a place and a written date', () => {
    expect(parseDateline('LONDON, 6 October 2024 (Reuters) - Shares fell.')).toMatchObject({
      published: '2024-10-06',
      source: 'Reuters',
      rest: 'Shares fell.',
    });
    expect(parseDateline('WASHINGTON, Oct. 6, 2024 (AP) — The Senate voted.')).toMatchObject({
      published: '2024-10-06',
      source: 'AP',
      rest: 'The Senate voted.',
    });
  });

  it('returns null for text without a dateline, or with an impossible date', () => {
    expect(parseDateline('China and Russia (both members of BRICS) met.')).toBeNull();
    expect(parseDateline('date 2024-02-30 (MENAFN) text')).toBeNull();
  });

  it('keeps the body when the dateline has no source', () => {
    expect(parseDateline('2024-10-06 China and Russia met.')).toBeNull();
  });

  it('matches the verbatim seed file', () => {
    const seed = readFileSync(new URL('../seed/000_058561fa2592a63d.txt', import.meta.url), 'utf8');
    expect(parseDateline(seed)).toMatchObject({ published: '2024-10-06', source: 'MENAFN' });
  });
});
