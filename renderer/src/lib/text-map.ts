// Lines up the reader's DOM with the item's plain text, where highlights live as offsets.
// The two are compared character by character with whitespace ignored (HTML and the
// extracted text differ in spacing, not in words). When they do not line up, `build`
// returns null and the reader falls back to showing the plain text, so an offset always
// means the same characters on screen and in the archive.

export interface TextMap {
  /** For each non-space character of the text, in order: its offset in the text. */
  textOffsets: number[];
  /** The same characters in the DOM: which text node, and where in it. */
  nodes: Text[];
  nodeOf: number[];
  localOf: number[];
}

const SPACE = /\s/;

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

export function buildTextMap(root: Node, text: string): TextMap | null {
  const textOffsets: number[] = [];
  const chars: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!SPACE.test(text[i])) {
      textOffsets.push(i);
      chars.push(text[i]);
    }
  }
  const nodes = textNodes(root);
  const nodeOf: number[] = [];
  const localOf: number[] = [];
  let k = 0;
  for (let n = 0; n < nodes.length; n++) {
    const data = nodes[n].data;
    for (let i = 0; i < data.length; i++) {
      if (SPACE.test(data[i])) continue;
      if (k >= chars.length || chars[k] !== data[i]) return null;
      nodeOf.push(n);
      localOf.push(i);
      k++;
    }
  }
  return k === chars.length ? { textOffsets, nodes, nodeOf, localOf } : null;
}

/** First index i with textOffsets[i] >= offset. */
function lowerBound(a: number[], offset: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Span {
  start: number;
  end: number;
  id: string;
}

/**
 * Wraps each span [start, end) of the text in <mark> elements, one per text node it
 * crosses; where spans overlap, the earlier one owns the characters.
 */
export function markSpans(map: TextMap, spans: Span[]): void {
  const perNode = new Map<number, Array<{ from: number; to: number; id: string }>>();
  for (const span of spans) {
    const first = lowerBound(map.textOffsets, span.start);
    const last = lowerBound(map.textOffsets, span.end) - 1;
    if (first > last) continue;
    let i = first;
    while (i <= last) {
      const node = map.nodeOf[i];
      let j = i;
      while (j + 1 <= last && map.nodeOf[j + 1] === node) j++;
      const list = perNode.get(node) ?? [];
      list.push({ from: map.localOf[i], to: map.localOf[j] + 1, id: span.id });
      perNode.set(node, list);
      i = j + 1;
    }
  }
  for (const [n, list] of perNode) {
    const node = map.nodes[n];
    const data = node.data;
    list.sort((a, b) => a.from - b.from);
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const piece of list) {
      const from = Math.max(piece.from, at);
      if (from >= piece.to) continue;
      if (from > at) fragment.append(data.slice(at, from));
      const mark = document.createElement('mark');
      mark.className = 'highlight';
      mark.dataset.highlightId = piece.id;
      mark.textContent = data.slice(from, piece.to);
      fragment.append(mark);
      at = piece.to;
    }
    if (at < data.length) fragment.append(data.slice(at));
    node.replaceWith(fragment);
  }
}

/** The text offsets [start, end) a DOM range covers, or null when it covers no character. */
export function rangeToText(map: TextMap, range: Range): { start: number; end: number } | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < map.nodeOf.length; i++) {
    const node = map.nodes[map.nodeOf[i]];
    const local = map.localOf[i];
    let inside: boolean;
    try {
      inside = range.comparePoint(node, local) === 0 && range.comparePoint(node, local + 1) === 0;
    } catch {
      inside = false;
    }
    if (inside) {
      if (first < 0) first = i;
      last = i;
    } else if (first >= 0) {
      break;
    }
  }
  if (first < 0) return null;
  return { start: map.textOffsets[first], end: map.textOffsets[last] + 1 };
}

/** The words of a query worth marking in the reader: no filters, operators or one-letter words. */
export function queryTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .filter((w) => w && !w.includes(':') && !w.startsWith('-'))
    .map((w) => w.replace(/[+"~^*]|\d+$/g, '').replace(/[^\p{L}\p{N}'’-]/gu, ''))
    .filter((w) => w.length >= 2)
    .slice(0, 12);
}

/**
 * Marks the words a search was for (as prefixes, without regard to case) in the reader,
 * outside existing highlights. Wrapping leaves every character where it was, so a text
 * map built afterwards still lines up.
 */
export function markTerms(root: Node, terms: string[]): void {
  if (terms.length === 0) return;
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  for (const node of textNodes(root)) {
    if ((node.parentElement as HTMLElement | null)?.closest('mark')) continue;
    const data = node.data;
    pattern.lastIndex = 0;
    let match = pattern.exec(data);
    if (!match) continue;
    const fragment = document.createDocumentFragment();
    let at = 0;
    while (match) {
      if (match.index > at) fragment.append(data.slice(at, match.index));
      const mark = document.createElement('mark');
      mark.className = 'term';
      mark.textContent = match[0];
      fragment.append(mark);
      at = match.index + match[0].length;
      match = pattern.exec(data);
    }
    if (at < data.length) fragment.append(data.slice(at));
    node.replaceWith(fragment);
  }
}
