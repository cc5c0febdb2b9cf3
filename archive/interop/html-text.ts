// Sanitises article HTML (DOMPurify over one shared, silent jsdom window) and derives its
// plain text: block elements become paragraphs separated by one blank line, <br> a line
// break, runs of whitespace one space, <pre> kept as written. HTML nested too deeply is
// refused (html-dom.ts). Pure apart from that shared window.

import createDOMPurify, { type DOMPurify } from 'dompurify';
import type { JSDOM } from 'jsdom';
import { assertShallowHtml, jsdom, quietConsole } from './html-dom';

let purifier: { purify: DOMPurify; window: JSDOM['window'] } | null = null;

function shared(): { purify: DOMPurify; window: JSDOM['window'] } {
  if (purifier === null) {
    const { window } = new (jsdom().JSDOM)('<!DOCTYPE html><html><body></body></html>', {
      virtualConsole: quietConsole(),
    });
    purifier = { purify: createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]), window };
  }
  return purifier;
}

export interface Sanitised {
  html: string;
  text: string;
}

/**
 * Removes scripts, event handlers, forms, frames and styles (an archive shows articles, it
 * does not run them) and returns the safe HTML and its plain text.
 */
export function sanitiseHtml(html: string, options: { baseUrl?: string | null } = {}): Sanitised {
  assertShallowHtml(html, 'the article');
  const { purify } = shared();
  const body = purify.sanitize(html, {
    RETURN_DOM: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed'],
    FORBID_ATTR: ['style'],
    // MathJax wraps formulas in custom elements; dropping them would drop the maths.
    CUSTOM_ELEMENT_HANDLING: {
      tagNameCheck: /^mjx-/,
      attributeNameCheck: /^(jax|display|class)$/,
      allowCustomizedBuiltInElements: false,
    },
  }) as unknown as Element;
  if (options.baseUrl) absolutise(body, options.baseUrl);
  return { html: body.innerHTML.trim(), text: nodeText(body) };
}

/** Makes relative href/src absolute against baseUrl, so that a stored body keeps working. */
function absolutise(root: Element, baseUrl: string): void {
  for (const [selector, attr] of [
    ['a[href]', 'href'],
    ['img[src]', 'src'],
  ] as const) {
    for (const el of Array.from(root.querySelectorAll(selector))) {
      const value = el.getAttribute(attr) ?? '';
      if (value.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(value)) continue;
      try {
        el.setAttribute(attr, new URL(value, baseUrl).href);
      } catch {
        // a base that is not a URL: leave the link as it was
      }
    }
  }
}

/** Plain text of an HTML fragment (not sanitised: the text carries no markup anyway). */
export function htmlToText(html: string): string {
  assertShallowHtml(html, 'the text');
  const { window } = shared();
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return nodeText(template.content);
}

const BLOCK = new Set(
  (
    'address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer ' +
    'form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead tfoot tr ul'
  ).split(' '),
);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** Text of a DOM subtree with paragraph structure kept as blank lines. */
export function nodeText(root: Node): string {
  const blocks: string[] = [];
  let line = '';
  const flush = (): void => {
    const t = line
      .split('\n')
      .map((l) => l.replace(/[ \t\f\r]+/g, ' ').trim())
      .join('\n')
      .trim();
    if (t !== '') blocks.push(t);
    line = '';
  };
  const walk = (node: Node, pre: boolean): void => {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      // Inside <pre>, spaces and tabs are swapped for private-use stand-ins so that the
      // collapsing in flush() leaves them alone; they are restored at the end.
      line += pre ? value.replace(/ /g, '\ue000').replace(/\t/g, '\ue001') : value.replace(/[ \t\n\r\f]+/g, ' ');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
    const name = node.nodeType === 1 ? (node as Element).localName : '';
    if (SKIP.has(name)) return;
    if (name === 'br') {
      line += '\n';
      return;
    }
    if (name === 'td' || name === 'th') line += ' ';
    const block = BLOCK.has(name);
    if (block) flush();
    const inPre = pre || name === 'pre';
    for (let c = node.firstChild; c !== null; c = c.nextSibling) walk(c, inPre);
    if (block) flush();
  };
  walk(root, false);
  flush();
  return blocks
    .join('\n\n')
    .replace(/\ue000/g, ' ')
    .replace(/\ue001/g, '\t');
}
