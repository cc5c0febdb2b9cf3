// The actions one call may apply to many items at once; shared by the contract and the core.

export const BULK_ACTIONS = [
  'tag',
  'untag',
  'read',
  'unread',
  'archive',
  'unarchive',
  'favourite',
  'unfavourite',
  'delete',
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
