import { describe, expect, it } from 'vitest';
import { LIST_MIN, READER_MIN, SPLITTER, gridColumns, paneLayout } from './pane-layout';

describe('paneLayout', () => {
  it('keeps all three panes on a wide window', () => {
    expect(paneLayout(1440, 220)).toBe('three');
  });
  it('turns the sidebar into a drawer first, then shows one pane at a time', () => {
    expect(paneLayout(990, 220)).toBe('two');
    expect(paneLayout(800, 220)).toBe('two');
    expect(paneLayout(720, 220)).toBe('one');
  });
  it('needs room for the widest sidebar the reader chose', () => {
    const edge = 220 + SPLITTER + LIST_MIN + SPLITTER + READER_MIN;
    expect(paneLayout(edge, 220)).toBe('three');
    expect(paneLayout(edge, 300)).toBe('two');
  });
  it('never asks for more than the window in the layouts it picks', () => {
    for (let width = 720; width <= 1600; width += 10) {
      const layout = paneLayout(width, 220);
      const minimum =
        layout === 'three'
          ? 220 + 2 * SPLITTER + LIST_MIN + READER_MIN
          : layout === 'two'
            ? SPLITTER + LIST_MIN + READER_MIN
            : 0;
      expect(minimum).toBeLessThanOrEqual(width);
    }
  });
  it('writes one column when one pane shows', () => {
    expect(gridColumns('one', 220, 400)).toBe('minmax(0, 1fr)');
    expect(gridColumns('three', 220, 400)).toBe('220px minmax(280px, 400px) minmax(500px, 1fr)');
  });
});
