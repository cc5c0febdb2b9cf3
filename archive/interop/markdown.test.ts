import { describe, it, expect } from 'vitest';
import { draftFromMarkdown } from './markdown';

describe('the Markdown importer', () => {
  it('reads YAML front matter', () => {
    const draft = draftFromMarkdown(
      [
        '---',
        'title: Talks in Beijing',
        'source: Reuters',
        'url: https://example.com/a',
        'date: 2024-10-07',
        'tags: [China, Trade]',
        'author: Jane Doe',
        '---',
        '',
        'Officials **met** on Monday.',
      ].join('\n'),
    );
    expect(draft).toMatchObject({
      title: 'Talks in Beijing',
      source: 'Reuters',
      url: 'https://example.com/a',
      published: '2024-10-07',
      tags: ['China', 'Trade'],
      byline: 'Jane Doe',
    });
    expect(draft.text).toBe('Officials met on Monday.');
    expect(draft.html).toContain('<strong>met</strong>');
  });

  it('takes the first heading as the title when there is no front matter', () => {
    const draft = draftFromMarkdown('# A heading\n\nBody text here.');
    expect(draft.title).toBe('A heading');
    expect(draft.text).toBe('Body text here.');
  });

  it('escapes raw HTML and drops links that are not web or mail', () => {
    const draft = draftFromMarkdown(
      'Hello <script>alert(1)</script> [x](javascript:alert(1)) [y](https://example.com)',
    );
    expect(draft.html).not.toContain('<script');
    expect(draft.html).not.toContain('javascript:');
    expect(draft.html).toContain('href="https://example.com"');
  });

  it('says why front matter cannot be read', () => {
    expect(() => draftFromMarkdown('---\ntitle: [unclosed\n---\nText')).toThrow(/front matter/);
  });
});
