// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { render } from '../test/render';
import { SnippetText } from './SnippetText';

let unmount: (() => void) | null = null;
afterEach(() => unmount?.());

async function shown(text: string, marks: Array<[number, number]>) {
  const view = await render(
    <p>
      <SnippetText snippet={{ text, marks }} />
    </p>,
  );
  unmount = view.unmount;
  return view.container.querySelector('p') as HTMLElement;
}

describe('SnippetText', () => {
  it('wraps each matched range in <mark>, in text order, and keeps the words between', async () => {
    const text = 'Wang Yi met the Russian minister in Moscow';
    const p = await shown(text, [
      [text.indexOf('Moscow'), text.length],
      [0, 7],
    ]);
    expect([...p.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Wang Yi', 'Moscow']);
    expect(p.textContent).toBe('Wang Yi met the Russian minister in Moscow');
  });

  it('ignores overlapping and empty ranges rather than repeating text', async () => {
    const p = await shown('harbour reopens', [
      [0, 7],
      [3, 10],
      [8, 8],
    ]);
    expect([...p.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['harbour']);
    expect(p.textContent).toBe('harbour reopens');
  });

  it('shows markup in a snippet as text, never as HTML', async () => {
    const text = '<img src=x onerror=alert(1)> in the page';
    const p = await shown(text, [[text.indexOf('the'), text.indexOf('the') + 3]]);
    expect(p.querySelector('img')).toBeNull();
    expect(p.textContent).toBe('<img src=x onerror=alert(1)> in the page');
    expect(p.querySelector('mark')?.textContent).toBe('the');
  });
});
