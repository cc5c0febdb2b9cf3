// @vitest-environment jsdom
import { HostError, answerWith } from '../test/bridge';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, settle } from '../test/render';
import { Reader } from './Reader';

let unmount: (() => void) | null = null;
afterEach(() => unmount?.());

function props(id: string, onDeleted: () => void) {
  return {
    id,
    allTags: [],
    tagColors: new Map<string, string | null>(),
    onOpenItem: () => undefined,
    onDeleted,
    onFetch: () => undefined,
    terms: [],
    tagInputRef: createRef<HTMLInputElement>(),
    noteInputRef: createRef<HTMLTextAreaElement>(),
    articleRef: createRef<HTMLElement>(),
    empty: <p>Nothing open</p>,
  };
}

describe('Reader', () => {
  it('closes on an item that went away, without ever showing its "not found" as an error', async () => {
    answerWith(() => new HostError('not_found', 'No item with id 0123456789abcdef.'));
    let closed = 0;
    // Every render is checked, not only the last: the error must not flash before the close.
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(document.body.innerHTML));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const view = await render(<Reader {...props('0123456789abcdef', () => closed++)} />);
    unmount = view.unmount;
    await settle();
    observer.disconnect();
    expect(closed).toBe(1);
    expect(seen.some((html) => html.includes('error-text'))).toBe(false);
    expect(view.container.textContent).toBe('Nothing open');
  });

  it('shows any other failure to read the item as an error', async () => {
    answerWith(() => new HostError('io', 'The archive could not be read.'));
    let closed = 0;
    const view = await render(<Reader {...props('0123456789abcdef', () => closed++)} />);
    unmount = view.unmount;
    await settle();
    expect(closed).toBe(0);
    expect(view.container.querySelector('.error-text')?.textContent).toBe('The archive could not be read.');
  });
});
