// The reading workflow other read-later apps have: an item is in the inbox until it is
// archived, may be a favourite, and remembers how far it was read. Each change is one
// recorded edit of the item; progress does not touch `updated`'s search stamp needlessly.

import type { Archive } from './archive';

export interface ItemState {
  archived?: boolean;
  favourite?: boolean;
  read?: boolean;
}

/** Moves an item between inbox and archive, stars it, or marks it read; a no-op records nothing. */
export function setState(archive: Archive, id: string, state: ItemState): boolean {
  const item = archive.item(id);
  const now = archive.now();
  let changed = false;
  if (state.archived !== undefined && state.archived !== (item.archivedAt !== null)) {
    item.archivedAt = state.archived ? now : null;
    changed = true;
  }
  if (state.favourite !== undefined && state.favourite !== item.favourite) {
    item.favourite = state.favourite;
    changed = true;
  }
  if (state.read !== undefined && state.read !== (item.readAt !== null)) {
    item.readAt = state.read ? now : null;
    changed = true;
  }
  if (changed) archive.commit(item);
  return changed;
}

/** Keeps how far the reader got (0–1), to the nearest thousandth; reaching the end marks it read. */
export function setProgress(archive: Archive, id: string, progress: number): void {
  const item = archive.item(id);
  const rounded = Math.round(Math.min(1, Math.max(0, progress)) * 1000) / 1000;
  if (rounded === item.progress) return;
  item.progress = rounded;
  if (rounded >= 0.98 && item.readAt === null) item.readAt = archive.now();
  archive.commit(item);
}
