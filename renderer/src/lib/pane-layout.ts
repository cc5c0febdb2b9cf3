// Which panes fit in a window of a given width. They give way in order: first the sidebar
// (it becomes a drawer), then the list beside the reader (one pane at a time, with a way
// back). The reader never gets narrower than READER_MIN while the list sits beside it.

export type PaneLayout = 'three' | 'two' | 'one';

export const LIST_MIN = 280;
export const READER_MIN = 500;
/** The splitters sit on the panes' edges and take no width of their own. */
export const SPLITTER = 0;

/** The layout for a window `width` px wide with the sidebar at `sidebarWidth` px. */
export function paneLayout(width: number, sidebarWidth: number): PaneLayout {
  const split = LIST_MIN + SPLITTER + READER_MIN;
  if (width >= sidebarWidth + SPLITTER + split) return 'three';
  if (width >= split) return 'two';
  return 'one';
}

/** The grid columns for a layout; the list shrinks towards LIST_MIN before the reader does. */
export function gridColumns(layout: PaneLayout, sidebarWidth: number, listWidth: number): string {
  const listAndReader = `minmax(${LIST_MIN}px, ${listWidth}px) minmax(${READER_MIN}px, 1fr)`;
  if (layout === 'three') return `${sidebarWidth}px ${listAndReader}`;
  if (layout === 'two') return listAndReader;
  return 'minmax(0, 1fr)';
}
