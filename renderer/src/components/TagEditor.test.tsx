// @vitest-environment jsdom
import { answerWith, calls } from '../test/bridge';
import { afterEach, describe, expect, it } from 'vitest';
import { createRef } from 'react';
import type { ItemView } from '../../../archive/api/types';
import { MAX_TAG_LENGTH } from '../../../archive/api/rules';
import { click, press, render, settle, typeInto } from '../test/render';
import { TagEditor } from './TagEditor';
import { colorMap } from './TagSwatch';

const item: ItemView = {
  id: '0123456789abcdef',
  kind: 'article',
  title: 'Harbour reopens',
  byline: null,
  source: null,
  url: null,
  published: null,
  added: '2024-03-09T16:00:00.000Z',
  updated: '2024-03-09T16:00:00.000Z',
  language: 'en',
  excerpt: '',
  wordCount: 3,
  tags: ['Politics', 'Local news'],
  readAt: null,
  archivedAt: null,
  favourite: false,
  progress: 0,
  content: { html: false, text: true },
  assets: [],
  textHash: null,
  notes: [],
  highlights: [],
  related: [],
};
const allTags = ['Politics', 'Local news', 'Ports', 'Port cities', 'Sport', 'Trade'];
const colors = colorMap([
  { name: 'Politics', color: '#aa0000' },
  { name: 'Local news', color: null },
]);

let unmount: (() => void) | null = null;
afterEach(() => unmount?.());

async function editor() {
  answerWith(() => item);
  const view = await render(
    <TagEditor item={item} allTags={allTags} tagColors={colors} inputRef={createRef<HTMLInputElement>()} />,
  );
  unmount = view.unmount;
  return {
    container: view.container,
    input: view.container.querySelector('input[aria-label="Add tag"]') as HTMLInputElement,
  };
}

const suggestions = (container: HTMLElement) =>
  [...container.querySelectorAll('#tag-suggestions button')].map((b) => b.textContent);

describe('TagEditor', () => {
  it('shows the item’s tags as chips with their colours, looked up the way tags compare', async () => {
    const { container } = await editor();
    const chips = [...container.querySelectorAll('.tag-chip')];
    expect(chips.map((c) => c.textContent?.replace('×', ''))).toEqual(['Politics', 'Local news']);
    expect((chips[0].querySelector('.tag-dot') as HTMLElement).style.background).toBe('rgb(170, 0, 0)');
  });

  it('suggests tags containing what was typed, without regard to case, leaving out the item’s own', async () => {
    const { container, input } = await editor();
    await typeInto(input, 'PORT');
    expect(suggestions(container)).toEqual(['Ports', 'Port cities', 'Sport']);
    await typeInto(input, 'pol');
    expect(suggestions(container)).toEqual([]);
  });

  it('adds a typed tag tidied, and a chosen suggestion with the arrow keys', async () => {
    const { container, input } = await editor();
    await typeInto(input, '  Trade   deals ');
    await press(input, 'Enter');
    await settle();
    expect(calls).toEqual([{ method: 'tags.add', args: { id: item.id, tags: ['Trade deals'] } }]);
    expect(input.value).toBe('');

    await typeInto(input, 'port');
    await press(input, 'ArrowDown');
    await press(input, 'ArrowDown');
    expect(container.querySelector('.suggestion-chosen')?.textContent).toBe('Port cities');
    await press(input, 'Enter');
    await settle();
    expect(calls[1]).toEqual({ method: 'tags.add', args: { id: item.id, tags: ['Port cities'] } });
  });

  it('does not add a tag the item has in another spelling', async () => {
    const { input } = await editor();
    await typeInto(input, 'LOCAL  NEWS');
    await press(input, 'Enter');
    await settle();
    expect(calls).toEqual([]);
  });

  it('removes a tag with its chip’s button, and limits the field to the archive’s tag length', async () => {
    const { container, input } = await editor();
    expect(input.maxLength).toBe(MAX_TAG_LENGTH);
    await click(container.querySelector('button[aria-label="Remove tag Local news"]') as Element);
    await settle();
    expect(calls).toEqual([{ method: 'tags.remove', args: { id: item.id, tags: ['Local news'] } }]);
  });
});
