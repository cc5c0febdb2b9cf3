// The one way Dossier turns Markdown into HTML, for notes of the reader's own (stored as
// items) and for notes on items (rendered in the reader) alike: GitHub-flavoured, raw HTML
// shown as text, links only to the web and mail, images only from the web. Pure: no DOM.

import { Marked } from 'marked';

/** Every character that could open markup, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const markdown = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link({ href, tokens }) {
      const inner = this.parser.parseInline(tokens);
      return /^(https?:|mailto:)/i.test(href) ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
    },
    image: ({ href, text }) =>
      /^https?:/i.test(href) ? `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}">` : escapeHtml(text),
  },
});

/** Markdown as HTML that is safe before any sanitiser sees it (each caller sanitises once more). */
export function markdownToHtml(source: string): string {
  return markdown.parse(source, { async: false }) as string;
}
