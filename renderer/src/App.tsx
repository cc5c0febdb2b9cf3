// The window: sidebar, result list and reader, with the search box, Import and Export
// notes above them. Panes give way as the window narrows (lib/pane-layout): the sidebar
// becomes a drawer, then the list and the reader take turns, with a way back. This
// component owns what is chosen (query, filters, sort, open item, shown pane) and the keys.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit, SearchSort, TagCount } from '../../archive/api/types';
import { call, onHostEvent, onSessionState, sessionState } from './api/client';
import { useQuery } from './hooks/useQuery';
import { hitAt, indexOfHit, useSearch } from './hooks/useSearch';
import { usePersistentState } from './hooks/usePersistentState';
import { useImport } from './hooks/useImport';
import { useArchiveVersion } from './hooks/useArchiveVersion';
import { useWindowWidth } from './hooks/useWindowWidth';
import { useShortcuts } from './hooks/useShortcuts';
import { quote, useFilters } from './hooks/useFilters';
import { Sidebar } from './components/Sidebar';
import { ResultsHeader } from './components/ResultsHeader';
import { ResultList } from './components/ResultList';
import { Reader } from './components/Reader';
import { Splitter } from './components/Splitter';
import { DropZone } from './components/DropZone';
import { ImportStatus } from './components/ImportStatus';
import { ExportDialog } from './components/ExportDialog';
import { TagActionsDialog } from './components/TagActionsDialog';
import { colorMap } from './components/TagSwatch';
import { UrlImportDialog } from './components/UrlImportDialog';
import { ViewSettings, type Theme } from './components/ViewSettings';
import { ShortcutSheet } from './components/ShortcutSheet';
import { TopBar } from './components/TopBar';
import { SessionProblem } from './components/SessionProblem';
import { EmptyState } from './components/EmptyState';
import { BackupsDialog } from './components/BackupsDialog';
import { SyncDialog } from './components/SyncDialog';
import { SyncStatusLine } from './components/SyncStatusLine';
import { useSyncStatus } from './hooks/useSyncStatus';
import { FetchStatus } from './components/FetchStatus';
import { useFetchArticles } from './hooks/useFetchArticles';
import { useSelection } from './hooks/useSelection';
import { useViewCounts } from './hooks/useViewCounts';
import { useResultsActions } from './hooks/useResultsActions';
import { useSavedSearches } from './hooks/useSavedSearches';
import { measureSearch } from './lib/latency';
import { queryTerms } from './lib/text-map';
import { gridColumns, paneLayout } from './lib/pane-layout';

const NOTHING_OPEN = (
  <EmptyState title="Nothing open.">
    <p>Choose an item from the list, or press / to search.</p>
  </EmptyState>
);

export function App() {
  const [session, setSession] = useState(sessionState);
  useEffect(() => {
    // A refusal may have come between the first render and this subscription (the
    // preferences are read before the app mounts), so look once more.
    setSession(sessionState());
    return onSessionState(setSession);
  }, []);
  return session === 'ok' ? <Library /> : <SessionProblem state={session} />;
}

function Library() {
  const { changed } = useArchiveVersion();
  const [text, setText] = useState('');
  const [sort, setSort] = useState<SearchSort>('relevance');
  const filters = useFilters();
  const { tags, queryFor } = filters;
  const [activeIndex, setActiveIndex] = useState(-1);
  // The open item survives a reload (not a new session): a reload keeps the reader's place.
  const [openId, setOpenId] = useState<string | null>(() => sessionStorage.getItem('dossier.open'));
  // The item the reader chose to read (click, Enter, j/k): it is marked read once shown.
  const [readIntent, setReadIntent] = useState<string | null>(null);
  // The words of the search an item was opened from, marked in the reader (set on open,
  // not per keystroke, so typing never redraws the article).
  const [openTerms, setOpenTerms] = useState<string[]>([]);
  const textRef = useRef('');
  const [exportOpen, setExportOpen] = useState(false);
  const [urlOpen, setUrlOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [backupsOpen, setBackupsOpen] = useState(false);
  /** The Sync dialog, open at its setting or its conflicts. */
  const [syncOpen, setSyncOpen] = useState<'settings' | 'conflicts' | null>(null);
  const openSync = useCallback((section: 'settings' | 'conflicts') => setSyncOpen(section), []);
  const sync = useSyncStatus();
  const [exportSelection, setExportSelection] = useState(false);
  const [editTag, setEditTag] = useState<TagCount | null>(null);
  const [sidebarWidth, setSidebarWidth] = usePersistentState('sidebarWidth', 220);
  const [listWidth, setListWidth] = usePersistentState('listWidth', 400);
  const [theme, setTheme] = usePersistentState<Theme>(
    'theme',
    'system',
    (v) => v === 'system' || v === 'light' || v === 'dark',
  );
  const [fontSize, setFontSize] = usePersistentState('fontSize', 19);

  // Which panes fit, and in the one-pane layout which of list and reader is shown.
  const width = useWindowWidth();
  const layout = paneLayout(width, sidebarWidth);
  const [pane, setPane] = useState<'list' | 'reader'>('list');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const showList = layout !== 'one' || pane === 'list';
  const showReader = layout !== 'one' || pane === 'reader';
  useEffect(() => {
    if (layout === 'three') setDrawerOpen(false);
  }, [layout]);

  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const tagInputRef = useRef<HTMLInputElement>(null);
  const noteInputRef = useRef<HTMLTextAreaElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const drawerToggleRef = useRef<HTMLButtonElement>(null);
  const autoOpened = useRef(false);
  const typedAt = useRef<{ q: string; at: number } | null>(null);

  const q = queryFor(text);
  const request = useMemo(() => ({ q, sort, tags }), [q, sort, tags]);
  const search = useSearch(request);
  const results = search.view;

  const tagList = useQuery('tags.list', {});
  const sourceList = useQuery('sources.list', {});
  const info = useQuery('archive.info', {});
  const allTags = useMemo(() => (tagList.value?.tags ?? []).map((t) => t.name), [tagList.value]);
  const tagColors = useMemo(() => colorMap(tagList.value?.tags ?? []), [tagList.value]);
  const importer = useImport();
  const fetcher = useFetchArticles();
  const selection = useSelection(results, JSON.stringify(request), activeIndex, setActiveIndex);

  // Keystroke-to-results latency, measured where the user sees it: from the input event
  // to the frame after the new results are committed (read by the bench, harmless here).
  useEffect(() => {
    const typed = typedAt.current;
    if (!results || !typed || results.request.q !== typed.q) return;
    typedAt.current = null;
    requestAnimationFrame(() => measureSearch(typed.q, typed.at));
  }, [results]);

  useEffect(() => {
    if (openId) sessionStorage.setItem('dossier.open', openId);
  }, [openId]);

  // An item is marked read when the reader chose it and it is on screen, whichever way it
  // was opened (a click, Enter, j/k); never merely because a list row became active.
  useEffect(() => {
    if (!readIntent || readIntent !== openId || !showReader) return;
    setReadIntent(null);
    void call('items.get', { id: readIntent }).then((o) => {
      if (o.ok && o.value.readAt === null)
        void call('items.setRead', { id: readIntent, read: true }).then(() => changed());
    });
  }, [readIntent, openId, showReader, changed]);

  // The first start opens the first article (the seed), so the app is useful at once.
  useEffect(() => {
    if (autoOpened.current || !results) return;
    autoOpened.current = true;
    if (openId) return;
    const page = results.pages.get(0) ?? [];
    const index = Math.max(
      0,
      page.findIndex((h) => h.kind === 'article'),
    );
    if (page[index]) {
      setActiveIndex(index);
      setOpenId(page[index].id);
    }
  }, [results, openId]);

  // The highlighted row is the open item's whenever it is among the loaded results (after
  // an import shifts the rows too), so j/k and Enter act on what the reader shows. A layout
  // effect, so no key press can land between the new rows and the row that is active.
  const answered = useRef('');
  useLayoutEffect(() => {
    if (!results) return;
    const key = JSON.stringify(results.request);
    const same = key === answered.current;
    answered.current = key;
    const index = openId ? indexOfHit(results, openId) : -1;
    setActiveIndex((prev) => (index >= 0 || !same ? index : prev));
  }, [results, openId]);

  const onText = (value: string) => {
    textRef.current = value;
    setText(value);
    typedAt.current = { q: queryFor(value), at: performance.now() };
  };

  const focusReader = () => requestAnimationFrame(() => articleRef.current?.focus({ preventScroll: true }));

  const open = useCallback((index: number, hit: Pick<SearchHit, 'id'>, focus = true) => {
    setActiveIndex(index);
    setOpenId(hit.id);
    setReadIntent(hit.id);
    setPane('reader');
    setOpenTerms(index >= 0 ? queryTerms(textRef.current) : []);
    if (focus) focusReader();
  }, []);

  const resultsRef = useRef(results);
  resultsRef.current = results;
  const openById = useCallback(
    (id: string) => open(resultsRef.current ? indexOfHit(resultsRef.current, id) : -1, { id }),
    [open],
  );

  const pendingRow = useRef<number | null>(null);
  useEffect(() => {
    const row = pendingRow.current;
    const hit = row === null ? undefined : hitAt(results, row);
    if (hit) {
      pendingRow.current = null;
      setOpenId(hit.id);
      setReadIntent(hit.id);
    }
  }, [results]);

  // Focus now when the list is on screen, else once the pane switch has shown it.
  const focusListSoon = useCallback(() => {
    const list = listRef.current;
    if (list && !list.closest('[hidden]')) list.focus();
    else requestAnimationFrame(() => listRef.current?.focus());
  }, []);

  const showListPane = useCallback(() => {
    setPane('list');
    focusListSoon();
  }, [focusListSoon]);

  const closeReader = useCallback(() => {
    setOpenId(null);
    sessionStorage.removeItem('dossier.open');
    showListPane();
  }, [showListPane]);

  const move = useCallback(
    (delta: number) => {
      const count = results?.total ?? 0;
      if (count === 0) return;
      const next = Math.min(count - 1, Math.max(0, (activeIndex < 0 ? (delta > 0 ? -1 : 0) : activeIndex) + delta));
      const hit = hitAt(results, next);
      if (!hit) {
        // A row not fetched yet (End on a long list): show it once its page arrives.
        pendingRow.current = next;
        setActiveIndex(next);
        search.ensureRows(next, next);
        return;
      }
      pendingRow.current = null;
      setActiveIndex(next);
      setOpenId(hit.id);
      setReadIntent(hit.id);
      setOpenTerms(queryTerms(textRef.current));
    },
    [results, activeIndex, search],
  );

  const focusList = useCallback(() => {
    setPane('list');
    focusListSoon();
    if (activeIndex < 0) move(1);
  }, [activeIndex, move, focusListSoon]);

  const closeDrawer = useCallback(() => {
    setDrawerOpen(false);
    drawerToggleRef.current?.focus();
  }, []);

  const readerVisible = showReader && openId !== null;
  useShortcuts(
    {
      focusSearch: (select) => {
        searchRef.current?.focus();
        if (select) searchRef.current?.select();
      },
      escape: (fromField) => {
        if (drawerOpen) return closeDrawer();
        const target = document.activeElement as HTMLElement | null;
        if (fromField && target !== searchRef.current) target?.blur();
        showListPane();
      },
      move: (delta) => {
        // Beside the list, j/k move in it; with the reader alone on screen they turn its pages.
        if (showList) listRef.current?.focus();
        else focusReader();
        move(delta);
      },
      tag: () => readerVisible && tagInputRef.current?.focus(),
      note: () => readerVisible && noteInputRef.current?.focus(),
      help: () => setHelpOpen(true),
    },
    listRef,
  );

  // The desktop host's menu and its own imports speak to the renderer through events.
  const { hostProgress, hostFinished } = importer;
  const fetchRunning = fetcher.isRunning;
  useEffect(
    () =>
      onHostEvent((event) => {
        if (event.name === 'dossier:menu') {
          const { command } = event.payload;
          if (command === 'export-notes') setExportOpen(true);
          if (command === 'restore-backup') setBackupsOpen(true);
          if (command === 'focus-search') searchRef.current?.focus();
        } else if (event.name === 'dossier:progress') {
          // A fetch's progress goes to its own status line (useFetchArticles), not the import's.
          if (!fetchRunning()) hostProgress(event.payload.done, event.payload.total);
        } else if (event.name === 'dossier:changed') {
          changed();
          if (event.payload.reason === 'import') hostFinished(event.payload.imported, event.payload.skipped);
        }
      }),
    [changed, hostProgress, hostFinished, fetchRunning],
  );

  const counts = useViewCounts(info.value);

  const importUrl = useCallback(
    async (url: string) => {
      const id = await importer.importUrl(url);
      if (id) open(-1, { id });
      return id !== null;
    },
    [importer, open],
  );

  // Made once per width, so typing in the search box never re-renders the memoised sidebar.
  const sidebarResizer = useMemo(
    () =>
      layout === 'three' && (
        <Splitter label="Resize sidebar" width={sidebarWidth} min={160} max={360} onChange={setSidebarWidth} />
      ),
    [layout, sidebarWidth, setSidebarWidth],
  );

  const total = info.value?.counts.items ?? null;
  const exportQuery = [q, ...tags.map((t) => `tag:${quote(t)}`)].filter(Boolean).join(' ');

  // Running a saved search puts its query in the search box with no other filter.
  const clearFilters = filters.clear;
  const runSaved = useCallback(
    (saved: string) => {
      clearFilters();
      textRef.current = saved;
      setText(saved);
    },
    [clearFilters],
  );
  const savedSection = useSavedSearches(exportQuery, runSaved);

  const fetchRun = fetcher.run;
  const fetchOne = useCallback(
    (id: string, title: string) => void fetchRun({ ids: [id] }, `“${title.slice(0, 60)}”`),
    [fetchRun],
  );
  const resultsActions = useResultsActions({
    q,
    tags,
    fullQuery: exportQuery,
    total: results?.total ?? 0,
    selected: selection.selected,
    clearSelection: selection.clear,
    dropSelection: selection.drop,
    fetchArticles: fetchRun,
    onExportSelection: () => {
      setExportSelection(true);
      setExportOpen(true);
    },
    onDeleted: (ids) => {
      if (openId && ids.includes(openId)) closeReader();
    },
  });

  // After a restore everything is read again; an open item the backup lacks is closed.
  const afterRestore = useCallback(() => {
    changed();
    const id = sessionStorage.getItem('dossier.open');
    if (id) void call('items.get', { id }).then((o) => !o.ok && closeReader());
  }, [changed, closeReader]);

  // Shift+j/k: the active row joins the selection, and so does each row moved onto.
  const openTitle =
    (results && openId
      ? Array.from(results.pages.values())
          .flat()
          .find((h) => h.id === openId)?.title
      : null) ?? null;

  const emptyResults =
    total === 0 ? (
      <EmptyState title="Your archive is empty.">
        <p>
          Press Import, or drop article files (.html, .txt, .md) or exports from Pocket, Instapaper, wallabag or your
          browser anywhere on this window.
        </p>
      </EmptyState>
    ) : (
      <EmptyState title={text.trim() ? `Nothing matches “${text.trim()}”.` : 'Nothing here.'}>
        <p>
          {filters.active.length
            ? 'Try removing a filter above, or use fewer words.'
            : 'Try fewer or different words, or a prefix like elect*.'}
        </p>
      </EmptyState>
    );

  return (
    <div
      className={`app app-${layout}`}
      data-layout={layout}
      data-pane={layout === 'one' ? pane : undefined}
      style={{ gridTemplateColumns: gridColumns(layout, sidebarWidth, listWidth) }}
    >
      <TopBar
        drawer={
          layout === 'three'
            ? null
            : { open: drawerOpen, onToggle: () => setDrawerOpen((o) => !o), buttonRef: drawerToggleRef }
        }
        search={{ ref: searchRef, value: text, onChange: onText, onDown: focusList }}
        onSkipToResults={focusList}
        onSkipToItem={readerVisible ? () => articleRef.current?.focus() : null}
        onFiles={importer.run}
        onAddPage={() => setUrlOpen(true)}
        onExport={() => setExportOpen(true)}
        onHelp={() => setHelpOpen(true)}
        viewSettings={
          <ViewSettings
            theme={theme}
            onTheme={setTheme}
            fontSize={fontSize}
            onFontSize={setFontSize}
            onRestore={() => setBackupsOpen(true)}
            onSync={() => openSync('settings')}
          />
        }
      />
      <ImportStatus state={importer.state} onDismiss={importer.dismiss} />
      <FetchStatus state={fetcher.state} onDismiss={fetcher.dismiss} onOpen={openById} />
      {layout !== 'three' && drawerOpen && <div className="drawer-backdrop" aria-hidden="true" onClick={closeDrawer} />}
      <Sidebar
        id="library"
        drawer={layout !== 'three'}
        hidden={layout !== 'three' && !drawerOpen}
        onClose={closeDrawer}
        view={filters.view}
        onView={filters.setView}
        tags={tagList.value?.tags ?? []}
        selectedTags={tags}
        onToggleTag={filters.toggleTag}
        onEditTag={setEditTag}
        sources={sourceList.value?.sources ?? []}
        source={filters.source}
        onSource={filters.chooseSource}
        counts={counts}
        saved={savedSection}
        resizer={sidebarResizer}
        footer={<SyncStatusLine status={sync.status} onOpen={openSync} />}
      />
      <section
        className="results-pane"
        aria-label="Search results"
        hidden={!showList}
        role={layout === 'one' ? 'main' : undefined}
      >
        {layout === 'one' && <h1 className="visually-hidden">Dossier</h1>}
        <ResultsHeader
          total={results?.total ?? null}
          notice={results?.notice ?? null}
          parsedAs={results?.parsedAs ?? null}
          sort={sort}
          onSort={setSort}
          filters={filters.active}
          facets={results?.facets ?? null}
          onFacet={filters.chooseFacet}
          menu={resultsActions.menu}
        />
        {resultsActions.bulkBar}
        {search.error && <p className="error-text">{search.error}</p>}
        <ResultList
          view={results}
          activeIndex={activeIndex}
          openId={openId}
          onMove={move}
          onOpen={open}
          selected={selection.selected}
          onSelect={selection.selectRow}
          onExtend={selection.extend}
          ensureRows={search.ensureRows}
          listRef={listRef}
          empty={emptyResults}
          tagColors={tagColors}
        />
        {layout !== 'one' && (
          <Splitter label="Resize result list" width={listWidth} min={280} max={720} onChange={setListWidth} />
        )}
      </section>
      <main className="reader-pane" id="reader" hidden={!showReader}>
        {layout === 'one' && (
          <div className="reader-back">
            <button type="button" className="text-button back-button" onClick={showListPane}>
              ← Results
            </button>
          </div>
        )}
        <Reader
          id={openId}
          allTags={allTags}
          tagColors={tagColors}
          onOpenItem={openById}
          onDeleted={closeReader}
          onFetch={fetchOne}
          terms={openTerms}
          tagInputRef={tagInputRef}
          noteInputRef={noteInputRef}
          articleRef={articleRef}
          empty={NOTHING_OPEN}
        />
      </main>
      <DropZone onFiles={importer.run} />
      <ExportDialog
        open={exportOpen}
        onClose={() => {
          setExportOpen(false);
          setExportSelection(false);
        }}
        itemId={openId}
        itemTitle={openTitle}
        query={exportQuery}
        tags={allTags}
        selection={[...selection.selected]}
        preferSelection={exportSelection}
      />
      <BackupsDialog open={backupsOpen} onClose={() => setBackupsOpen(false)} onRestored={afterRestore} />
      <SyncDialog
        open={syncOpen !== null}
        section={syncOpen ?? 'settings'}
        onClose={() => setSyncOpen(null)}
        sync={sync}
        onChanged={changed}
      />
      {resultsActions.dialogs}
      <UrlImportDialog open={urlOpen} onClose={() => setUrlOpen(false)} onImport={importUrl} />
      <ShortcutSheet open={helpOpen} onClose={() => setHelpOpen(false)} />
      <TagActionsDialog
        tag={editTag}
        tags={tagList.value?.tags ?? []}
        onClose={() => setEditTag(null)}
        onRenamed={filters.renameTag}
      />
    </div>
  );
}
