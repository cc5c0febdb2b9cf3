// Every keyboard shortcut of the app, once: the shortcut sheet (`?`) lists these, and the
// README's keyboard table says the same.

export interface Shortcut {
  keys: string[];
  does: string;
}

export const SHORTCUTS: Array<{ group: string; shortcuts: Shortcut[] }> = [
  {
    group: 'Anywhere',
    shortcuts: [
      { keys: ['/', 'Ctrl K'], does: 'Search the archive' },
      { keys: ['?'], does: 'Show these shortcuts' },
      { keys: ['Esc'], does: 'Back to the result list' },
    ],
  },
  {
    group: 'Results',
    shortcuts: [
      { keys: ['↓', 'j'], does: 'Next result (opens it, and marks it read)' },
      { keys: ['↑', 'k'], does: 'Previous result' },
      { keys: ['Enter'], does: 'Read the selected result' },
      { keys: ['Home', 'End', 'PgUp', 'PgDn'], does: 'First, last, or ten results on' },
      { keys: ['x'], does: 'Select the result (or Ctrl-click; Shift-click for a range)' },
      { keys: ['Shift J', 'Shift K'], does: 'Extend the selection down or up' },
    ],
  },
  {
    group: 'Reader',
    shortcuts: [
      { keys: ['t'], does: 'Add a tag to the open item' },
      { keys: ['n'], does: 'Write a note on the open item' },
      { keys: ['Shift ←→↑↓'], does: 'In the article text: select (Ctrl for whole words)' },
      { keys: ['h'], does: 'Highlight the selected passage' },
      { keys: ['Esc'], does: 'In a note or comment editor: cancel' },
    ],
  },
];
