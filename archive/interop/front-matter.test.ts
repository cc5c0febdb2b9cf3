import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frontMatter, splitFrontMatter } from './front-matter';

describe('front matter', () => {
  it('quotes strings YAML 1.1 readers would take for something else', () => {
    expect(frontMatter({ title: 'no', published: '2024-10-06', id: '1e10', tags: [] })).toBe(
      '---\ntitle: "no"\npublished: "2024-10-06"\nid: "1e10"\ntags: []\n---\n',
    );
  });

  it('reads back any strings exactly', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('title', 'source', 'url'), fc.string()),
        fc.array(fc.string(), { maxLength: 4 }),
        (fields, tags) => {
          const data = { ...fields, tags };
          const { data: back, body } = splitFrontMatter(`${frontMatter(data)}\nbody`);
          expect(back).toEqual(data);
          expect(body).toBe('\nbody');
        },
      ),
      { numRuns: 300 },
    );
  });
});
