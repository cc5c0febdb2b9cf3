import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { hasShared, sharedPath } from '../test-shared';
import { draftFromText } from './plain-text';
import { headlineFor } from './headline';

const SHARED_SEED = sharedPath('seeds/000_058561fa2592a63d.txt');

describe('the plain-text importer', () => {
  const seed = readFileSync(new URL('../seed/000_058561fa2592a63d.txt', import.meta.url), 'utf8');

  it.skipIf(!hasShared('seeds/000_058561fa2592a63d.txt'))(
    'the embedded seed is a verbatim copy of ../shared/seeds',
    () => {
      expect(seed).toBe(readFileSync(SHARED_SEED, 'utf8'));
    },
  );

  it('turns the seed’s dateline into date and source and strips it from the body', () => {
    const draft = draftFromText(seed);
    expect(draft.published).toBe('2024-10-06');
    expect(draft.source).toBe('MENAFN');
    expect(draft.text.startsWith('China’s Foreign Minister, Wang Yi, has declared')).toBe(true);
    expect(draft.text).not.toMatch(/MENAFN/);
    expect(draft.text).not.toMatch(/\n{3,}/);
  });

  it('writes a headline, not the dateline and not the whole first sentence', () => {
    const draft = draftFromText(seed);
    const firstSentence = draft.text.split('. ')[0];
    expect(draft.title).toMatch(/Wang Yi/);
    expect(draft.title).toMatch(/China–Russia/);
    expect(draft.title).not.toMatch(/date|MENAFN/);
    expect(draft.title.length).toBeLessThan(firstSentence.length);
    expect(draft.title.length).toBeLessThanOrEqual(90);
  });

  it('takes a short first line standing alone as the title', () => {
    const draft = draftFromText(
      'Markets rally on rate cut\n\nShares rose sharply on Monday after the central bank cut rates.',
    );
    expect(draft.title).toBe('Markets rally on rate cut');
    expect(draft.text).toBe('Shares rose sharply on Monday after the central bank cut rates.');
  });

  it('refuses an empty file', () => {
    expect(() => draftFromText(' \n\n ')).toThrow(/empty/);
  });

  it('headlines never end on a dangling word', () => {
    const title = headlineFor(
      'Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.',
    );
    expect(title).not.toMatch(/\b(for|the|to|of)$/);
    expect(title.length).toBeLessThanOrEqual(90);
  });
});
