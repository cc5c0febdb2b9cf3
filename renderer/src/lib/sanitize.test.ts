// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeArticle, renderMarkdown } from './sanitize';
import { markdownToHtml } from '../../../archive/api/rules';

function html(fragment: DocumentFragment): string {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}

describe('sanitising HTML before it reaches the DOM', () => {
  it('drops scripts, handlers and non-web links', () => {
    const out = html(
      sanitizeArticle(
        '<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">a</a> <a href="https://example.com">b</a></p>',
      ),
    );
    expect(out).not.toMatch(/script|onclick|javascript:/);
    expect(out).toContain('href="https://example.com"');
    expect(out).toContain('rel="noopener noreferrer"');
  });

  it('does not load remote images, keeping their alt text', () => {
    const out = html(
      sanitizeArticle('<img src="https://tracker.example/pixel.gif" srcset="https://x/1.png 2x" alt="A chart">'),
    );
    expect(out).not.toMatch(/\s(src|srcset)=/);
    expect(out).toContain('data-missing=');
    expect(out).toContain('alt="A chart"');
    expect(out).toContain('tracker.example');
  });

  it('renders Markdown notes safely', () => {
    const out = renderMarkdown(
      '**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](https://example.com)',
    );
    expect(out).toContain('<strong>bold</strong>');
    // Raw HTML is shown as the text it is, never as an element.
    expect(out).not.toMatch(/<img/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('href="https://example.com"');
  });

  it('renders a note on an item as a note item is stored: one Markdown renderer', () => {
    const source = '# Plan\n\n- one\n- *two*\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~ <b>raw</b>';
    // The archive's rendering, with DOMPurify's link hardening as the only difference.
    expect(renderMarkdown(source)).toBe(markdownToHtml(source));
  });
});
