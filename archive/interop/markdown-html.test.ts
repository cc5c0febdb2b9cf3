import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown-html';
import { draftFromMarkdown } from './markdown';

describe('the one Markdown renderer', () => {
  it('renders GitHub-flavoured Markdown: tables, strike-through, lists', () => {
    const html = markdownToHtml('| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~\n\n- one\n- two');
    expect(html).toContain('<table>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>/);
  });

  it('shows raw HTML as text and keeps only web and mail links and web images', () => {
    const html = markdownToHtml(
      'Hello <script>alert(1)</script> [a](javascript:alert(1)) [b](mailto:x@example.org) ![c](file:///etc/passwd) ![d](https://img.example/d.png)',
    );
    expect(html).not.toMatch(/<script|javascript:|file:/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="mailto:x@example.org">b</a>');
    expect(html).toContain('<img src="https://img.example/d.png" alt="d">');
  });

  it('is what a note item is stored as', () => {
    const source = 'Officials **met** on [Monday](https://example.com/monday).';
    expect(draftFromMarkdown(source).html).toBe(markdownToHtml(source).trim());
  });
});
