// Finds a passage the reader selected somewhere else (a browser's rendered page) in an
// item's plain text. Whitespace differs between the two (line breaks, collapsed spaces,
// non-breaking spaces), so runs of it compare equal; the answer is offsets into the text.

/** Collapses every whitespace run to one space, remembering where each kept character came from. */
function squeeze(s: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      if (!inSpace && text !== '') {
        text += ' ';
        at.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    text += ch;
    at.push(i);
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    at.pop();
  }
  return { text, at };
}

/**
 * [start, end) of the first place `quote` occurs in `text`, ignoring how whitespace is
 * written on either side; null when it does not occur (or has no visible characters).
 */
export function locatePassage(text: string, quote: string): { start: number; end: number } | null {
  const needle = squeeze(quote).text;
  if (needle === '') return null;
  const exact = text.indexOf(quote);
  if (exact >= 0 && quote.trim() === quote) return { start: exact, end: exact + quote.length };
  const hay = squeeze(text);
  const found = hay.text.indexOf(needle);
  if (found < 0) return null;
  return { start: hay.at[found], end: hay.at[found + needle.length - 1] + 1 };
}
