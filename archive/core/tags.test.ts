import { describe, it, expect } from 'vitest';
import { cleanTagName, tagKey, withTags, withoutTags, ensureTag } from './tags';
import { emptyArchiveData } from './model';

describe('tag names', () => {
  it('trims and folds inner white space', () => {
    expect(cleanTagName('  China–Russia \n relations ')).toBe('China–Russia relations');
  });

  it('refuses a tag with nothing visible in it', () => {
    expect(() => cleanTagName('   ')).toThrow(/visible/);
  });

  it('treats names that differ only in case as one tag', () => {
    expect(tagKey('Diplomacy')).toBe(tagKey(' diplomacy'));
    expect(withTags(['Diplomacy'], ['DIPLOMACY', 'Trade'])).toEqual(['Diplomacy', 'Trade']);
  });

  it('keeps the first spelling for display', () => {
    const data = emptyArchiveData();
    expect(ensureTag(data, 'China–Russia', 't')).toBe('China–Russia');
    expect(ensureTag(data, 'china–russia', 't')).toBe('China–Russia');
    expect(data.tags).toHaveLength(1);
  });

  it('removes without regard to case', () => {
    expect(withoutTags(['Diplomacy', 'Trade'], ['diplomacy'])).toEqual(['Trade']);
  });
});
