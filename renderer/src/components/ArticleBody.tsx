// The article text, with highlights drawn in it. Sanitised HTML is shown when it lines up
// with the stored plain text (where highlight offsets live), otherwise the plain text in
// paragraphs. The body is managed outside React: it is rebuilt from the archive's text and
// marks whenever they change, and a selection inside it becomes a pending highlight.
// The text takes the focus, and then the keyboard selects in it (lib/keyboard-selection)
// with a drawn caret, since the browser draws none in text that is not editable.

import { useEffect, useRef, useState } from 'react';
import type { Highlight } from '../../../archive/api/types';
import { sanitizeArticle } from '../lib/sanitize';
import { buildTextMap, markSpans, markTerms, rangeToText, type TextMap } from '../lib/text-map';
import { showArticleImages } from '../lib/article-images';
import { moveSelection, selectionInside } from '../lib/keyboard-selection';

export interface PendingHighlight {
  start: number;
  end: number;
  quote: string;
}

interface Props {
  /** The item, whose kept images the body shows. */
  itemId: string;
  html: string | null;
  text: string;
  highlights: Highlight[];
  /** Words of the search the item was opened from, marked lightly in the text. */
  terms: string[];
  bodyRef: React.RefObject<HTMLDivElement | null>;
  onPending: (pending: PendingHighlight | null) => void;
  onHighlightClick: (id: string) => void;
}

function plainParagraphs(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const para of text.split(/\n\s*\n/)) {
    if (!para.trim()) continue;
    const p = document.createElement('p');
    p.textContent = para.trim();
    fragment.append(p);
  }
  return fragment;
}

function htmlBody(html: string): DocumentFragment {
  const fragment = sanitizeArticle(html);
  // The item's title is the page's only h1 and the reader its only article: headings in
  // the body step down a level, and the page's own landmarks become plain blocks.
  const rename = (selector: string, tag: string) =>
    fragment.querySelectorAll(selector).forEach((el) => {
      const plain = document.createElement(tag);
      plain.append(...Array.from(el.childNodes));
      el.replaceWith(plain);
    });
  rename('h1', 'h2');
  rename('article, main, nav, aside, header, footer, section', 'div');
  return fragment;
}

export function ArticleBody({ itemId, html, text, highlights, terms, bodyRef, onPending, onHighlightClick }: Props) {
  const mapRef = useRef<TextMap | null>(null);
  const spansKey = JSON.stringify(highlights.map((h) => [h.id, h.start, h.end]));
  const termsKey = JSON.stringify(terms);

  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    let map: TextMap | null = null;
    if (html) {
      body.replaceChildren(htmlBody(html));
      map = buildTextMap(body, text);
    }
    if (!map) {
      body.replaceChildren(plainParagraphs(text));
      map = buildTextMap(body, text);
    }
    if (map)
      markSpans(
        map,
        JSON.parse(spansKey).map(([id, start, end]: [string, number, number]) => ({ id, start, end })),
      );
    markTerms(body, JSON.parse(termsKey) as string[]);
    mapRef.current = map ? buildTextMap(body, text) : null;
    const release = showArticleImages(body, itemId);
    body.dataset.ready = 'true';
    return release;
  }, [itemId, html, text, spansKey, termsKey, bodyRef]);

  const [caret, setCaret] = useState<{ top: number; left: number; height: number } | null>(null);
  useEffect(() => {
    const onSelection = () => {
      const body = bodyRef.current;
      const selection = document.getSelection();
      if (!body || !selection || selection.rangeCount === 0) return setCaret(null);
      const range = selection.getRangeAt(0);
      setCaret(drawnCaret(body, selection));
      if (!body.contains(range.commonAncestorContainer)) return;
      if (range.collapsed) return onPending(null);
      const map = mapRef.current;
      const at = map ? rangeToText(map, range) : null;
      onPending(at ? { ...at, quote: text.slice(at.start, at.end) } : null);
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [bodyRef, onPending, text]);

  return (
    <div className="article-text">
      <div
        className="article-body"
        ref={bodyRef}
        role="region"
        aria-label="Article text"
        aria-describedby="article-keys"
        tabIndex={0}
        onBlur={() => setCaret(null)}
        onFocus={() => setCaret(bodyRef.current ? drawnCaret(bodyRef.current, document.getSelection()) : null)}
        onKeyDown={(e) => {
          const body = bodyRef.current;
          if (!body) return;
          if (e.key === 'Escape' && selectionInside(body) && !document.getSelection()?.isCollapsed) {
            e.preventDefault();
            e.stopPropagation();
            document.getSelection()?.collapseToEnd();
          } else if (moveSelection(body, e)) e.preventDefault();
        }}
        onClick={(e) => {
          const mark = (e.target as HTMLElement).closest('mark.highlight') as HTMLElement | null;
          if (mark?.dataset.highlightId) onHighlightClick(mark.dataset.highlightId);
        }}
      />
      {caret && <span className="kbd-caret" style={caret} aria-hidden="true" />}
      <p id="article-keys" className="visually-hidden">
        Shift and the arrow keys select text, with Control for whole words; h highlights the selection.
      </p>
    </div>
  );
}

/** Where to draw the caret: a collapsed selection inside the focused text, else nowhere. */
function drawnCaret(
  body: HTMLElement,
  selection: Selection | null,
): { top: number; left: number; height: number } | null {
  if (
    !selection ||
    !selection.isCollapsed ||
    selection.rangeCount === 0 ||
    document.activeElement !== body ||
    !selectionInside(body)
  )
    return null;
  const rect = selection.getRangeAt(0).getClientRects()[0] ?? selection.getRangeAt(0).getBoundingClientRect();
  if (!rect || rect.height === 0) return null;
  const origin = body.getBoundingClientRect();
  return { top: rect.top - origin.top, left: rect.left - origin.left, height: rect.height };
}
