// Reading progress: how far down the reader pane the reader has scrolled (0 top, 1 end),
// saved a moment after scrolling stops and when another item opens, and restored once an
// item's text is on screen again. Only the reader's own scrolling counts (wheel, touch,
// scroll keys, the scrollbar): a jump to the notes is not reading, and the archive marks
// an item read at the end. Saving refetches nothing: only a later open reads it back.

import { useEffect, useRef } from 'react';
import { call } from '../api/client';

export const PROGRESS_SAVE_MS = 600;
/** How long after the reader's own input a scroll still counts as theirs. */
const INTENT_MS = 500;
const SCROLL_KEYS = new Set(['PageDown', 'PageUp', 'ArrowDown', 'ArrowUp', 'Home', 'End', ' ']);

function scrollerOf(el: HTMLElement | null): HTMLElement | null {
  return el?.closest<HTMLElement>('.reader-pane') ?? null;
}

function progressOf(pane: HTMLElement): number {
  const range = pane.scrollHeight - pane.clientHeight;
  if (range <= 0) return 0;
  return Math.min(1, Math.max(0, pane.scrollTop / range));
}

/** `saved` is the item's stored progress; `ready` turns true once its text is rendered. */
export function useReadingProgress(
  id: string | null,
  saved: number | null,
  ready: boolean,
  anchorRef: React.RefObject<HTMLElement | null>,
): void {
  const last = useRef<number | null>(null);
  const restoredFor = useRef<string | null>(null);

  // Closing the reader forgets which item was restored, so reopening it restores again.
  useEffect(() => {
    if (!id) restoredFor.current = null;
  }, [id]);

  // Restore once per opening, after the text has laid out.
  useEffect(() => {
    if (!id || !ready || saved === null || restoredFor.current === id) return;
    restoredFor.current = id;
    last.current = saved;
    const pane = scrollerOf(anchorRef.current);
    if (!pane) return;
    const range = pane.scrollHeight - pane.clientHeight;
    pane.scrollTop = saved > 0 && range > 0 ? Math.round(saved * range) : 0;
  }, [id, ready, saved, anchorRef]);

  // Save while reading (debounced), and flush when the item changes or the pane goes.
  useEffect(() => {
    if (!id || !ready) return;
    const pane = scrollerOf(anchorRef.current);
    if (!pane) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Measured at each scroll, not when saving: by the time a flush runs on a switch to
    // another item, the pane may already hold that item's (or no) text.
    let latest: number | null = null;
    const save = () => {
      timer = null;
      if (restoredFor.current !== id || latest === null) return;
      const progress = Math.round(latest * 1000) / 1000;
      if (last.current !== null && Math.abs(progress - last.current) < 0.005) return;
      last.current = progress;
      void call('items.setProgress', { id, progress });
    };
    let intentAt = -Infinity;
    const intent = () => (intentAt = performance.now());
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (
        SCROLL_KEYS.has(e.key) &&
        !t.isContentEditable &&
        !['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(t.tagName)
      )
        intent();
    };
    // The scrollbar: a press on the pane itself, not on a link or button inside it.
    const onPointer = (e: PointerEvent) => e.target === pane && intent();
    const onScroll = () => {
      if (performance.now() - intentAt > INTENT_MS) return;
      // Only while this item's text is what the pane shows.
      const shown = anchorRef.current;
      if (!shown || !pane.contains(shown) || shown.dataset.itemId !== id) return;
      latest = progressOf(pane);
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, PROGRESS_SAVE_MS);
    };
    pane.addEventListener('scroll', onScroll, { passive: true });
    pane.addEventListener('wheel', intent, { passive: true });
    pane.addEventListener('touchmove', intent, { passive: true });
    pane.addEventListener('keydown', onKey);
    pane.addEventListener('pointerdown', onPointer);
    return () => {
      pane.removeEventListener('scroll', onScroll);
      pane.removeEventListener('wheel', intent);
      pane.removeEventListener('touchmove', intent);
      pane.removeEventListener('keydown', onKey);
      pane.removeEventListener('pointerdown', onPointer);
      if (timer) {
        clearTimeout(timer);
        save();
      }
    };
  }, [id, ready, anchorRef]);
}
