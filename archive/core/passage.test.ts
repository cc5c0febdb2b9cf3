import { describe, it, expect } from 'vitest';
import { locatePassage } from './passage';

describe('locatePassage', () => {
  const text = 'First paragraph here.\n\nThe second   paragraph\nbreaks a line.';
  it('finds an exact quote', () => {
    expect(locatePassage(text, 'paragraph here')).toEqual({ start: 6, end: 20 });
  });
  it('ignores how whitespace is written on either side', () => {
    const at = locatePassage(text, 'here.\nThe second paragraph breaks\u00a0a');
    expect(at).not.toBeNull();
    expect(text.slice(at!.start, at!.end)).toBe('here.\n\nThe second   paragraph\nbreaks a');
  });
  it('trims the selection to its visible characters', () => {
    const at = locatePassage(text, '  First paragraph  ');
    expect(text.slice(at!.start, at!.end)).toBe('First paragraph');
  });
  it('says null for a passage that is not there, or one with nothing visible', () => {
    expect(locatePassage(text, 'third paragraph')).toBeNull();
    expect(locatePassage(text, ' \n ')).toBeNull();
  });
});
