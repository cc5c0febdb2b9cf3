// Whether a bulk action takes the selected items out of the search they were selected in:
// archiving in the inbox, marking read among the unread, unstarring among the starred,
// untagging within that tag. Then the selection goes with them, as in a mail client,
// rather than lingering on rows that are no longer shown.

import type { Args } from '../../../archive/api/contract';
import { sameTag } from '../../../archive/api/rules';

type BulkAction = Args<'items.bulk'>['action'];

/** The `is:` filters under which each action's items no longer match. */
const LEAVES: Partial<Record<BulkAction, string[]>> = {
  archive: ['inbox'],
  unarchive: ['archived'],
  read: ['unread'],
  unread: ['read'],
  unfavourite: ['favourite', 'favorite', 'starred'],
};

function hasFilter(query: string, filter: string): boolean {
  // A filter stands alone ("-is:inbox" is another filter, "is:inboxes" no filter at all).
  return query.toLowerCase().split(/\s+/).includes(filter);
}

export function leavesView(
  action: BulkAction,
  query: string,
  tags: readonly string[],
  actionTags: readonly string[] = [],
): boolean {
  if (action === 'delete') return true;
  // Untagging leaves a view filtered by that tag in the sidebar.
  if (action === 'untag') return actionTags.some((t) => tags.some((v) => sameTag(v, t)));
  return (LEAVES[action] ?? []).some((value) => hasFilter(query, `is:${value}`));
}
