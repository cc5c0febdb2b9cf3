// The app's global keys (see lib/shortcuts.ts for the list the reader sees). Keys typed
// into a field stay in it; while a dialog or menu is open only it answers.

import { useEffect, useRef } from 'react';

export interface ShortcutActions {
  focusSearch: (select: boolean) => void;
  escape: (fromField: boolean) => void;
  move: (delta: number) => void;
  tag: () => void;
  note: () => void;
  help: () => void;
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function overlayOpen(): boolean {
  return document.querySelector('dialog[open], :popover-open') !== null;
}

export function useShortcuts(actions: ShortcutActions, listRef: React.RefObject<HTMLElement | null>): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = latest.current;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        a.focusSearch(true);
        return;
      }
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (overlayOpen()) return;
      if (e.key === 'Escape') {
        a.escape(isTyping(e.target));
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === '/') a.focusSearch(false);
      else if (e.key === '?') a.help();
      else if (e.key === 't') a.tag();
      else if (e.key === 'n') a.note();
      else if ((e.key === 'j' || e.key === 'k') && e.target !== listRef.current) a.move(e.key === 'j' ? 1 : -1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [listRef]);
}
