// Selecting text with the keyboard in content that is not editable (the article), the way
// caret browsing does: with the article text focused, the arrow keys move a caret through
// the words and Shift+arrows select (Ctrl/Alt for whole words, Home/End for lines). The
// caret starts at the first line on screen. Chromium's Selection.modify does the moving.

type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

const KEYS: Record<string, { direction: 'forward' | 'backward'; by: Granularity }> = {
  ArrowRight: { direction: 'forward', by: 'character' },
  ArrowLeft: { direction: 'backward', by: 'character' },
  ArrowDown: { direction: 'forward', by: 'line' },
  ArrowUp: { direction: 'backward', by: 'line' },
  End: { direction: 'forward', by: 'lineboundary' },
  Home: { direction: 'backward', by: 'lineboundary' },
};

/** Puts a collapsed selection at the start of the first text that is on screen in `body`. */
export function placeCaretOnScreen(body: HTMLElement): void {
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => ((node as Text).data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
  });
  const view = body.closest('.reader-pane')?.getBoundingClientRect() ?? { top: 0 };
  let first: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    first ??= node;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().bottom > view.top + 40) {
      first = node;
      break;
    }
  }
  if (!first) return;
  const at = first.data.length - first.data.trimStart().length;
  document.getSelection()?.collapse(first, at);
}

/** Whether the selection (caret or range) lies inside `body`. */
export function selectionInside(body: HTMLElement): boolean {
  const selection = document.getSelection();
  return (
    !!selection && selection.rangeCount > 0 && body.contains(selection.anchorNode) && body.contains(selection.focusNode)
  );
}

/**
 * Handles one key press on the focused article text; true when it moved the caret or
 * changed the selection (the caller then prevents the default scroll).
 */
export function moveSelection(
  body: HTMLElement,
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>,
): boolean {
  const step = KEYS[e.key];
  if (!step || e.metaKey) return false;
  const selection = document.getSelection();
  if (!selection) return false;
  if (!selectionInside(body)) {
    // Without a caret yet, only Shift+arrow starts one; plain arrows keep scrolling.
    if (!e.shiftKey) return false;
    placeCaretOnScreen(body);
  }
  const by: Granularity = (e.ctrlKey || e.altKey) && step.by === 'character' ? 'word' : step.by;
  selection.modify(e.shiftKey ? 'extend' : 'move', step.direction, by);
  const focus = selection.focusNode?.parentElement;
  focus?.scrollIntoView({ block: 'nearest' });
  return true;
}
