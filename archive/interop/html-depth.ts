// How deeply an HTML page nests its elements, read from the markup in one pass without
// building a DOM: jsdom and Readability recurse over the tree and slow down steeply with
// depth, so a page too deep for them must be recognised before either sees it.

/** Elements that never hold children. */
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr keygen basefont bgsound frame'.split(' '),
);
/** Elements whose end tag may be left out and which do not nest in themselves: counting them would count siblings as depth. */
const IMPLIED_END = new Set(
  'p li dt dd tr td th option optgroup rb rt rtc rp thead tbody tfoot colgroup caption html head body'.split(' '),
);
/** Elements whose content is text up to their end tag, not markup. */
const RAW_TEXT = new Set('script style textarea title xmp noembed noframes iframe noscript plaintext'.split(' '));

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g;

/**
 * The deepest nesting of elements in `html`, approximately as a browser would build it;
 * stops counting (and returns) as soon as it passes `limit`.
 */
export function htmlNestingDepth(html: string, limit = Infinity): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let foreign = 0; // inside <svg> or <math>, where "/>" really closes an element
  let deepest = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue; // a comment
    if (m[1] === '/') {
      if (!open.get(name)) continue; // an end tag with nothing to close is ignored, as browsers do
      for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        open.set(top, (open.get(top) ?? 1) - 1);
        if (top === 'svg' || top === 'math') foreign--;
        if (top === name) break;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const closer = new RegExp(`</${name}`, 'gi'); // name is one of RAW_TEXT: no special characters
      closer.lastIndex = TAG.lastIndex;
      TAG.lastIndex = closer.exec(html)?.index ?? html.length;
      continue;
    }
    if (VOID.has(name) || IMPLIED_END.has(name) || (m[3] === '/' && foreign > 0)) continue;
    if (name === 'svg' || name === 'math') foreign++;
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > deepest) {
      deepest = stack.length;
      if (deepest > limit) return deepest;
    }
  }
  return deepest;
}
