// One rule for every inline editor (a note, a highlight's comment, a link's label): Esc
// gives up the edit and goes no further, so it does not also close the reader.

import type { KeyboardEvent } from 'react';

export function escapeCancels(cancel: () => void): (e: KeyboardEvent) => boolean {
  return (e) => {
    if (e.key !== 'Escape') return false;
    e.preventDefault();
    e.stopPropagation();
    cancel();
    return true;
  };
}
