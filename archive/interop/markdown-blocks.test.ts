import { describe, expect, it } from 'vitest';
import { demoteHeadings } from './markdown-blocks';

describe('demoteHeadings', () => {
  it('moves the note’s highest heading to the level given and the rest with it', () => {
    expect(demoteHeadings('## Heading\n\ntext\n\n### Sub', 3)).toBe('### Heading\n\ntext\n\n#### Sub');
    expect(demoteHeadings('# Top', 4)).toBe('#### Top');
  });

  it('leaves notes without headings, and headings already low enough, as they are', () => {
    expect(demoteHeadings('Just text\n\n- a list', 3)).toBe('Just text\n\n- a list');
    expect(demoteHeadings('#### Deep', 3)).toBe('#### Deep');
    expect(demoteHeadings('#hashtag is not a heading', 3)).toBe('#hashtag is not a heading');
  });

  it('caps levels at six and leaves fenced code alone', () => {
    expect(demoteHeadings('# A\n\n###### F', 3)).toBe('### A\n\n###### F');
    expect(demoteHeadings('# A\n\n```sh\n# a comment\n```', 3)).toBe('### A\n\n```sh\n# a comment\n```');
  });

  it('turns setext headings into ATX ones at the new level', () => {
    expect(demoteHeadings('Title\n=====\n\nSection\n-------\n\ntext', 3)).toBe('### Title\n\n#### Section\n\ntext');
  });
});
