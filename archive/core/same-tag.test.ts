import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sameTag, tagKey, tidyTagName } from './same-tag';
import { cleanTagName, hasTag, withTags } from './tags';
import { cleanTags } from '../interop/draft';

describe('one tag identity', () => {
  it('folds case, Unicode composition and white space, and nothing else', () => {
    expect(sameTag('Local news', '  local\tNEWS ')).toBe(true);
    expect(sameTag('Café', 'Cafe\u0301')).toBe(true);
    expect(sameTag('Zürich', 'Zurich')).toBe(false);
    expect(sameTag('news', 'new')).toBe(false);
    expect(tidyTagName('  Trade \n deals ')).toBe('Trade deals');
  });

  it('is what the core, the importers and the UI all compare by', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (a, b) => {
        fc.pre(tidyTagName(a) !== '' && tidyTagName(b) !== '');
        // The core's registry and an importer's de-duplication agree with sameTag.
        expect(hasTag([cleanTagName(a)], b)).toBe(sameTag(a, b));
        expect(withTags([cleanTagName(a)], [cleanTagName(b)]).length === 1).toBe(sameTag(a, b));
        expect(cleanTags([a, b]).length === 1).toBe(sameTag(a, b));
      }),
    );
  });

  it('never throws, even for a name the core would refuse', () => {
    expect(tagKey('   ')).toBe('');
    expect(() => cleanTagName('   ')).toThrow(/visible/);
  });
});
