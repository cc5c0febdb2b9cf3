// Every piece of HTML that reaches the DOM passes through here first: article bodies and
// rendered Markdown notes are cleaned by DOMPurify, links open outside the app with no
// referrer, only http(s) and mailto links survive, and remote images are not loaded.

import DOMPurify from 'dompurify';
import { markdownToHtml } from '../../../archive/api/rules';

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:)/i.test(href)) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName === 'IMG') {
    // Reading stays offline: a remote image is not fetched (the CSP would refuse it anyway).
    // Images kept in the archive are named by data-dossier-asset and shown from there
    // (article-images.ts); others keep their address for a placeholder that says so.
    const src = node.getAttribute('src') ?? '';
    if (node.hasAttribute('data-dossier-asset') || node.hasAttribute('data-missing')) {
      node.removeAttribute('src');
      node.removeAttribute('srcset');
    } else if (!/^(data:|blob:)/i.test(src)) {
      node.setAttribute('data-missing', 'not saved with the article');
      if (src) node.setAttribute('data-original-src', src);
      node.removeAttribute('src');
      node.removeAttribute('srcset');
    }
  }
});

const ARTICLE_CONFIG = {
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'iframe',
    'video',
    'audio',
    'script',
    'svg',
    'math',
  ],
  FORBID_ATTR: ['style', 'class', 'id'],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ['data-dossier-asset', 'data-original-src', 'data-missing'],
};

/** An article body as a sanitised fragment, ready to append. */
export function sanitizeArticle(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, { ...ARTICLE_CONFIG, RETURN_DOM_FRAGMENT: true });
}

/** A Markdown note rendered the archive's one way (as note items are) and sanitised, as an
 *  HTML string for dangerouslySetInnerHTML. */
export function renderMarkdown(markdown: string): string {
  const html = markdownToHtml(markdown);
  return DOMPurify.sanitize(html, ARTICLE_CONFIG) as unknown as string;
}
