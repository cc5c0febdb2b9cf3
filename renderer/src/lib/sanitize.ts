// Every piece of HTML that reaches the DOM passes through here first: article bodies and
// rendered Markdown notes are cleaned by DOMPurify, links open outside the app with no
// referrer, only http(s) and mailto links survive, and remote images are not loaded.

import DOMPurify from 'dompurify';
import { marked } from 'marked';

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:)/i.test(href)) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName === 'IMG') {
    // Reading stays offline: a remote image is not fetched (the CSP would refuse it anyway);
    // its alt text stands in, and its address is kept in the tooltip.
    const src = node.getAttribute('src') ?? '';
    if (!/^(data:|blob:)/i.test(src)) {
      node.removeAttribute('src');
      node.removeAttribute('srcset');
      if (src) node.setAttribute('title', `Image not loaded (Dossier stays offline): ${src}`);
      if (!node.getAttribute('alt')) node.setAttribute('alt', '[image]');
    }
  }
});

const ARTICLE_CONFIG = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'video', 'audio', 'script', 'svg', 'math'],
  FORBID_ATTR: ['style', 'class', 'id'],
  ALLOW_DATA_ATTR: false,
};

/** An article body as a sanitised fragment, ready to append. */
export function sanitizeArticle(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, { ...ARTICLE_CONFIG, RETURN_DOM_FRAGMENT: true });
}

/** A Markdown note rendered and sanitised, as an HTML string for dangerouslySetInnerHTML. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  return DOMPurify.sanitize(html, ARTICLE_CONFIG) as unknown as string;
}
