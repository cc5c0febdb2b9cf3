// One action on many items at once (a selection, or every result of a query): tag, untag,
// mark, archive, star or delete. Each item's change is recorded as usual, so the whole
// action is acknowledged once, when all of it is on disk.

import type { Archive } from './archive';
import { tagItem, untagItem } from './tagging';
import { setState } from './reading';
import { deleteItem } from './items';
import type { BulkReport } from './reports';
import { BULK_ACTIONS, type BulkAction } from './bulk-actions';

export { BULK_ACTIONS, type BulkAction };

export type { BulkReport };

export async function applyBulk(
  archive: Archive,
  ids: readonly string[],
  action: BulkAction,
  tags: readonly string[] = [],
): Promise<BulkReport> {
  const report: BulkReport = { changed: 0, missing: [] };
  for (const id of new Set(ids)) {
    if (!archive.has(id)) {
      report.missing.push(id);
      continue;
    }
    const before = archive.item(id).updated;
    switch (action) {
      case 'tag':
        tagItem(archive, id, [...tags]);
        break;
      case 'untag':
        untagItem(archive, id, [...tags]);
        break;
      case 'delete':
        await deleteItem(archive, id);
        report.changed += 1;
        continue;
      default: {
        const state = {
          read: { read: true },
          unread: { read: false },
          archive: { archived: true },
          unarchive: { archived: false },
          favourite: { favourite: true },
          unfavourite: { favourite: false },
        }[action];
        setState(archive, id, state);
      }
    }
    if (archive.item(id).updated !== before) report.changed += 1;
  }
  return report;
}
