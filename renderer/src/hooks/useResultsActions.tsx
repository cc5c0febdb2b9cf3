// Everything that acts on many results at once, in one place: the bulk bar over a
// selection (tag, untag, mark, archive, favourite, fetch, export, delete), the Results menu
// over the whole search (save it, mark all read, tag all, fetch all bookmarks), and the
// small dialogs they ask through. The App passes in the search and the selection.

import { useCallback, useState } from 'react';
import type { Args } from '../../../archive/api/contract';
import { useAction } from './useAction';
import { useNotify } from '../components/Notifications';
import { leavesView } from '../lib/leaves-view';
import { BulkBar } from '../components/BulkBar';
import { ResultsMenu } from '../components/ResultsMenu';
import { PromptDialog } from '../components/PromptDialog';
import { MAX_SEARCH_NAME_LENGTH, MAX_TAG_LENGTH } from '../../../archive/api/rules';
import { Dialog } from '../components/Dialog';
import { plural } from '../lib/format';

type BulkAction = Args<'items.bulk'>['action'];

type Prompt = 'save' | 'tag-all' | 'tag' | 'untag' | 'read-all' | null;

interface Options {
  /** The search the results answer: its words and filters, and its tags. */
  q: string;
  tags: string[];
  /** The same search as one query string (what a saved search keeps). */
  fullQuery: string;
  total: number;
  selected: ReadonlySet<string>;
  clearSelection: () => void;
  dropSelection: (ids: readonly string[]) => void;
  fetchArticles: (args: { ids: string[] } | { allBookmarks: true }, what: string) => Promise<unknown>;
  onExportSelection: () => void;
  /** Told which ids a bulk delete removed (the reader closes if it showed one). */
  onDeleted: (ids: string[]) => void;
}

const DONE: Record<BulkAction, string> = {
  tag: 'Tagged',
  untag: 'Untagged',
  read: 'Marked read:',
  unread: 'Marked unread:',
  archive: 'Archived',
  unarchive: 'Moved to the inbox:',
  favourite: 'Starred',
  unfavourite: 'Unstarred',
  delete: 'Deleted',
};

export function useResultsActions(o: Options) {
  const act = useAction();
  const notify = useNotify();
  const [prompt, setPrompt] = useState<Prompt>(null);

  const bulk = useCallback(
    async (action: BulkAction, target: 'selection' | 'results', tags?: string[]) => {
      const ids = [...o.selected];
      const scope = target === 'selection' ? { ids } : { query: { q: o.q, tags: o.tags } };
      const report = await act('items.bulk', { ...scope, action, ...(tags ? { tags } : {}) });
      if (!report) return false;
      notify.info(`${DONE[action]} ${plural(report.changed, 'item')}.`);
      if (action === 'delete') {
        o.dropSelection(ids);
        o.onDeleted(ids);
      } else if (target === 'selection' && leavesView(action, o.q, o.tags, tags)) {
        o.clearSelection();
      }
      return true;
    },
    [act, notify, o],
  );

  const bulkBar =
    o.selected.size > 0 ? (
      <BulkBar
        count={o.selected.size}
        onAction={async (action) => void (await bulk(action, 'selection'))}
        onTag={setPrompt}
        onFetch={() => void o.fetchArticles({ ids: [...o.selected] }, plural(o.selected.size, 'selected item'))}
        onExport={o.onExportSelection}
        onClear={o.clearSelection}
      />
    ) : null;

  const menu = (
    <ResultsMenu
      canSave={o.fullQuery.trim() !== ''}
      total={o.total}
      onSave={() => setPrompt('save')}
      onMarkAllRead={() => setPrompt('read-all')}
      onTagAll={() => setPrompt('tag-all')}
      onFetchBookmarks={() => void o.fetchArticles({ allBookmarks: true }, 'all bookmarks')}
    />
  );

  const close = () => setPrompt(null);
  const dialogs = (
    <>
      <PromptDialog
        title="Save this search"
        open={prompt === 'save'}
        label="Name"
        maxLength={MAX_SEARCH_NAME_LENGTH}
        hint={`Keeps “${o.fullQuery.slice(0, 80)}” in the sidebar, one click away.`}
        submit="Save search"
        onClose={close}
        onSubmit={async (name) => {
          const saved = await act('searches.save', { name, q: o.fullQuery });
          return saved !== null;
        }}
      />
      <Dialog title="Mark all results read" open={prompt === 'read-all'} onClose={close}>
        <p>Mark all {plural(o.total, 'result')} of this search read? Each can be marked unread again.</p>
        <div className="button-row">
          <button
            type="button"
            className="primary-button"
            autoFocus
            onClick={async () => {
              if (await bulk('read', 'results')) close();
            }}
          >
            Mark {plural(o.total, 'result')} read
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </Dialog>
      <PromptDialog
        title="Tag all results"
        open={prompt === 'tag-all'}
        label="Tag"
        maxLength={MAX_TAG_LENGTH}
        hint={`Adds the tag to all ${plural(o.total, 'result')} of this search.`}
        submit="Tag all results"
        onClose={close}
        onSubmit={(tag) => bulk('tag', 'results', [tag])}
      />
      <PromptDialog
        title={prompt === 'untag' ? 'Remove a tag from the selection' : 'Tag the selection'}
        open={prompt === 'tag' || prompt === 'untag'}
        label="Tag"
        maxLength={MAX_TAG_LENGTH}
        submit={prompt === 'untag' ? 'Remove tag' : 'Add tag'}
        onClose={close}
        onSubmit={(tag) => bulk(prompt === 'untag' ? 'untag' : 'tag', 'selection', [tag])}
      />
    </>
  );

  return { bulkBar, menu, dialogs };
}
