// @vitest-environment jsdom
import { answerWith, calls } from '../test/bridge';
import { afterEach, describe, expect, it } from 'vitest';
import { click, render, settle } from '../test/render';
import { ExportDialog } from './ExportDialog';

let unmount: (() => void) | null = null;
afterEach(() => unmount?.());

type Props = Parameters<typeof ExportDialog>[0];
const base: Props = {
  open: true,
  onClose: () => undefined,
  itemId: '0123456789abcdef',
  itemTitle: 'Harbour reopens',
  query: 'harbour tag:ports',
  tags: ['ports', 'trade'],
  selection: [],
  preferSelection: false,
};

async function dialog(props: Partial<Props> = {}) {
  answerWith(() => ({ files: [], items: 0 }));
  const view = await render(<ExportDialog {...base} {...props} />);
  unmount = view.unmount;
  const radio = (label: RegExp) =>
    [...view.container.querySelectorAll('label.radio')]
      .find((l) => label.test(l.textContent ?? ''))
      ?.querySelector('input') as HTMLInputElement;
  const submit = async () => {
    await click(view.container.querySelector('button[type="submit"]') as Element);
    await settle();
  };
  return { ...view, radio, submit };
}

describe('ExportDialog', () => {
  it('opens on the open item, and exports its notes in the chosen format', async () => {
    const { container, radio, submit } = await dialog();
    expect(radio(/^This item: Harbour reopens/).checked).toBe(true);
    expect(container.textContent).toContain('The current results (harbour tag:ports)');
    await submit();
    expect(calls).toEqual([
      { method: 'export.notes', args: { scope: { kind: 'item', id: base.itemId }, format: 'digest' } },
    ]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe('There was nothing to export.');
  });

  it('opens on everything without an item, and on the selection when asked from the bulk bar', async () => {
    const first = await dialog({ itemId: null, itemTitle: null });
    expect(first.radio(/^This item/).disabled).toBe(true);
    expect(first.radio(/^Everything/).checked).toBe(true);
    first.unmount();
    const second = await dialog({ selection: ['0000000000000001', '0000000000000002'], preferSelection: true });
    unmount = second.unmount;
    expect(second.radio(/^The selected results \(2\)/).checked).toBe(true);
    await second.submit();
    // The archive has no "these ids" scope: one export per selected item.
    expect(calls.map((c) => c.args)).toEqual([
      { scope: { kind: 'item', id: '0000000000000001' }, format: 'digest' },
      { scope: { kind: 'item', id: '0000000000000002' }, format: 'digest' },
    ]);
    expect(second.container.querySelector('[role="status"]')?.textContent).toBe(
      'The selected items have no highlights or notes to export.',
    );
  });

  it('exports a tag or the current results as the archive’s scopes', async () => {
    const { radio, submit } = await dialog();
    await click(radio(/^A tag/));
    await submit();
    await click(radio(/^The current results/));
    await submit();
    expect(calls.map((c) => (c.args as { scope: unknown }).scope)).toEqual([
      { kind: 'tag', tag: 'ports' },
      { kind: 'query', q: 'harbour tag:ports' },
    ]);
  });
});
