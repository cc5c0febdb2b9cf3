// Resets a dialog's state each time it opens, while rendering rather than in an effect:
// an effect runs after the first frame, which would show (and could submit) the previous
// opening's values. `opening` names what this opening is for, e.g. `${open}|${item.id}`.

import { useState } from 'react';

export function useResetOnOpen(open: boolean, opening: string, reset: () => void): void {
  const key = `${open}|${opening}`;
  const [seen, setSeen] = useState<string | null>(null);
  if (key !== seen) {
    setSeen(key);
    if (open) reset();
  }
}
