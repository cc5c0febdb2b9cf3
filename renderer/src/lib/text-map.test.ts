// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildTextMap, markSpans, markTerms, queryTerms, rangeToText } from './text-map';

function body(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  document.body.replaceChildren(div);
  return div;
}

const TEXT = 'China and Russia\n\nThe ties are strong. Trade grew.';

describe('lining the reader up with the plain text', () => {
  it('maps HTML whose words match the text, whatever the spacing', () => {
    expect(
      buildTextMap(body('<p>China and <b>Russia</b></p><p>The ties are   strong. Trade grew.</p>'), TEXT),
    ).not.toBeNull();
  });

  it('refuses HTML whose words differ, so the reader falls back to the text', () => {
    expect(buildTextMap(body('<p>China and Russia</p><p>The ties are weak.</p>'), TEXT)).toBeNull();
    expect(buildTextMap(body('<p>China and Russia</p>'), TEXT)).toBeNull();
  });

  it('marks a span across element boundaries with the exact characters of the text', () => {
    const root = body('<p>China and <b>Russia</b></p><p>The ties are strong. Trade grew.</p>');
    const map = buildTextMap(root, TEXT);
    const start = TEXT.indexOf('and');
    const end = TEXT.indexOf(' are');
    markSpans(map!, [{ id: 'h1', start, end }]);
    const marks = Array.from(root.querySelectorAll('mark'));
    expect(marks.map((m) => m.textContent).join('|')).toBe('and|Russia|The ties');
    expect(marks.every((m) => m.dataset.highlightId === 'h1')).toBe(true);
    expect(root.textContent).toBe('China and RussiaThe ties are strong. Trade grew.');
  });

  it('lets the earlier of two overlapping highlights own the shared characters', () => {
    const root = body('<p>The ties are strong.</p>');
    const text = 'The ties are strong.';
    markSpans(buildTextMap(root, text)!, [
      { id: 'a', start: 0, end: 8 },
      { id: 'b', start: 4, end: 12 },
    ]);
    expect(Array.from(root.querySelectorAll('mark')).map((m) => `${m.dataset.highlightId}:${m.textContent}`)).toEqual([
      'a:The ties',
      'b: are',
    ]);
  });

  it('turns a selection into the offsets of the text it covers', () => {
    const root = body('<p>China and <b>Russia</b></p><p>The ties are strong. Trade grew.</p>');
    const map = buildTextMap(root, TEXT)!;
    const range = document.createRange();
    const first = root.querySelector('p')!.firstChild as Text;
    range.setStart(first, 6);
    range.setEnd(root.querySelectorAll('p')[1].firstChild as Text, 8);
    const at = rangeToText(map, range)!;
    expect(TEXT.slice(at.start, at.end)).toBe('and Russia\n\nThe ties');
  });

  it('finds no offsets for a selection of whitespace only', () => {
    const root = body('<p>China and Russia</p>');
    const map = buildTextMap(root, 'China and Russia')!;
    const range = document.createRange();
    range.setStart(root.querySelector('p')!.firstChild as Text, 5);
    range.setEnd(root.querySelector('p')!.firstChild as Text, 6);
    expect(rangeToText(map, range)).toBeNull();
  });
});

describe('marking what was searched for', () => {
  it('reads the words of a query, leaving filters and operators out', () => {
    expect(queryTerms('+strategic "coordination" tag:Diplomacy -weak elect* a Wang~1')).toEqual([
      'strategic',
      'coordination',
      'elect',
      'Wang',
    ]);
  });

  it('marks words by prefix without regard to case, outside highlights, keeping the text map aligned', () => {
    const root = body('<p>Elections and the <mark class="highlight">election</mark> results; selected.</p>');
    const text = 'Elections and the election results; selected.';
    markTerms(root, ['elect']);
    expect(Array.from(root.querySelectorAll('mark.term')).map((m) => m.textContent)).toEqual(['Elections']);
    expect(buildTextMap(root, text)).not.toBeNull();
  });
});
