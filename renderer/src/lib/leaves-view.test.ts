import { describe, expect, it } from 'vitest';
import { leavesView } from './leaves-view';

describe('leavesView', () => {
  it('says archiving leaves the inbox and moving to the inbox leaves the archive', () => {
    expect(leavesView('archive', 'harbour is:inbox', [])).toBe(true);
    expect(leavesView('unarchive', 'is:archived', [])).toBe(true);
    expect(leavesView('archive', 'harbour', [])).toBe(false);
    expect(leavesView('archive', 'is:archived', [])).toBe(false);
  });

  it('reads a filter only as a whole word, so a negated or longer word is not the view', () => {
    expect(leavesView('archive', '-is:inbox', [])).toBe(false);
    expect(leavesView('read', 'is:unreadable', [])).toBe(false);
    expect(leavesView('read', 'IS:UNREAD', [])).toBe(true);
  });

  it('says unstarring leaves the starred view under any of its spellings', () => {
    for (const q of ['is:favourite', 'is:favorite', 'is:starred']) expect(leavesView('unfavourite', q, [])).toBe(true);
    expect(leavesView('favourite', 'is:favourite', [])).toBe(false);
  });

  it('says removing the tag the view is filtered by leaves it, whatever its case', () => {
    expect(leavesView('untag', '', ['China–Russia'], ['china–russia'])).toBe(true);
    expect(leavesView('untag', '', ['Diplomacy'], ['china–russia'])).toBe(false);
    expect(leavesView('tag', '', ['Diplomacy'], ['Diplomacy'])).toBe(false);
  });

  it('always lets deleted items go', () => {
    expect(leavesView('delete', '', [])).toBe(true);
  });
});
