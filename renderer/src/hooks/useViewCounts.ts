// The counts beside the library views: All, Unread and Has notes come with archive.info;
// Inbox, Archive and Favourites are the totals of their filters (one-row searches, so
// they cost a count each and refetch with every change to the archive).

import { useMemo } from 'react';
import { useQuery } from './useQuery';
import type { ViewCounts } from '../components/LibraryViews';
import type { ArchiveInfo } from '../../../archive/api/types';

export function useViewCounts(info: ArchiveInfo | null): ViewCounts | null {
  const inbox = useQuery('search.query', { q: 'is:inbox', limit: 1 });
  const archived = useQuery('search.query', { q: 'is:archived', limit: 1 });
  const favourites = useQuery('search.query', { q: 'is:favourite', limit: 1 });
  return useMemo(
    () =>
      info
        ? {
            all: info.counts.items,
            unread: info.unread,
            notes: info.withNotes,
            inbox: inbox.value?.total,
            archived: archived.value?.total,
            favourites: favourites.value?.total,
          }
        : null,
    [info, inbox.value, archived.value, favourites.value],
  );
}
