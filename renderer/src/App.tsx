// The window: sidebar, result list and reader in three resizable panes, with the search
// box, Import and Export notes above them. This component owns what is chosen (query,
// filters, sort, open item) and the keyboard; the panes own how each thing is shown.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit, SearchSort, TagCount } from '../../archive/api/types';
import { call, onHostEvent } from './api/client';
import { useQuery } from './hooks/useQuery';
import { hitAt, useSearch } from './hooks/useSearch';
import { usePersistentState } from './hooks/usePersistentState';
import { useImport } from './hooks/useImport';
import { useArchiveVersion } from './hooks/useArchiveVersion';
import { Sidebar } from './components/Sidebar';
import { VIEW_FILTERS, type LibraryView } from './components/LibraryViews';
import { SearchBox } from './components/SearchBox';
import { ResultsHeader, type ActiveFilter } from './components/ResultsHeader';
import { ResultList } from './components/ResultList';
import { Reader } from './components/Reader';
import { Splitter } from './components/Splitter';
import { ImportButton } from './components/ImportButton';
import { DropZone } from './components/DropZone';
import { ImportStatus } from './components/ImportStatus';
import { ExportDialog } from './components/ExportDialog';
import { TagActionsDialog } from './components/TagActionsDialog';
import { UrlImportDialog } from './components/UrlImportDialog';
import { ViewSettings, type Theme } from './components/ViewSettings';
import { BrowserExtensionSettings } from './components/BrowserExtensionSettings';
import { EmptyState } from './components/EmptyState';
import { measureSearch } from './lib/latency';
import { queryTerms } from './lib/text-map';

interface Facets {
  source: string | null;
  kind: string | null;
  year: string | null;
}

function quote(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

const NOTHING_OPEN = (
  <EmptyState title="Nothing open.">
    <p>Choose an item from the list, or press / to search.</p>
  </EmptyState>
);

export function App() {
  const { changed } = useArchiveVersion();
  const [text, setText] = useState('');
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [view, setView] = useState<LibraryView>('all');
  const [tags, setTags] = useState<string[]>([]);
  const [facets, setFacets] = useState<Facets>({ source: null, kind: null, year: null });
  const [activeIndex, setActiveIndex] = useState(-1);
  // The open item survives a reload (not a new session): a reload keeps the reader's place.
  const [openId, setOpenId] = useState<string | null>(() => sessionStorage.getItem('dossier.open'));
  // The words of the search an item was opened from, marked in the reader (set on open,
  // not per keystroke, so typing never redraws the article).
  const [openTerms, setOpenTerms] = useState<string[]>([]);
  const textRef = useRef('');
  const [exportOpen, setExportOpen] = useState(false);
  const [urlOpen, setUrlOpen] = useState(false);
  const [editTag, setEditTag] = useState<TagCount | null>(null);
  const [sidebarWidth, setSidebarWidth] = usePersistentState('sidebarWidth', 220);
  const [listWidth, setListWidth] = usePersistentState('listWidth', 400);
  const [theme, setTheme] = usePersistentState<Theme>('theme', 'system');
  const [fontSize, setFontSize] = usePersistentState('fontSize', 19);

  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const tagInputRef = useRef<HTMLInputElement>(null);
  const noteInputRef = useRef<HTMLTextAreaElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const autoOpened = useRef(false);
  const typedAt = useRef<{ q: string; at: number } | null>(null);

  const queryFor = (typed: string) =>
    [typed.trim(), VIEW_FILTERS[view], facets.source && `source:${quote(facets.source)}`, facets.kind && `kind:${facets.kind}`, facets.year && `year:${facets.year}`]
      .filter(Boolean)
      .join(' ');
  const q = queryFor(text);
  const request = useMemo(() => ({ q, sort, tags }), [q, sort, tags]);
  const search = useSearch(request);
  const results = search.view;

  const tagList = useQuery('tags.list', {});
  const sourceList = useQuery('sources.list', {});
  const info = useQuery('archive.info', {});
  const allTags = useMemo(() => (tagList.value?.tags ?? []).map((t) => t.name), [tagList.value]);
  const importer = useImport();

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

  // The first start opens the first article (the seed), so the app is useful at once.
  useEffect(() => {
    if (autoOpened.current || !results) return;
    autoOpened.current = true;
    if (openId) return;
    const page = results.pages.get(0) ?? [];
    const index = Math.max(0, page.findIndex((h) => h.kind === 'article'));
    if (page[index]) {
      setActiveIndex(index);
      setOpenId(page[index].id);
    }
  }, [results]);

  // A new set of results keeps the open item's row active when it is among them. A layout
  // effect, so no key press can land between the new rows and the row that is active.
  // The same request answered again (after an edit) keeps the row where it was.
  const answered = useRef('');
  useLayoutEffect(() => {
    if (!results) return;
    const key = JSON.stringify(results.request);
    const same = key === answered.current;
    answered.current = key;
    const index = openId ? (results.pages.get(0) ?? []).findIndex((h) => h.id === openId) : -1;
    setActiveIndex((prev) => (index >= 0 || !same ? index : prev));
    // only when an answer arrives, not when more pages do
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results?.request]);

  const onText = (value: string) => {
    textRef.current = value;
    setText(value);
    typedAt.current = { q: queryFor(value), at: performance.now() };
  };

  const open = useCallback(
    (index: number, hit: Pick<SearchHit, 'id'>, focusReader = true) => {
      setActiveIndex(index);
      setOpenId(hit.id);
      setOpenTerms(index >= 0 ? queryTerms(textRef.current) : []);
      void call('items.get', { id: hit.id }).then((o) => {
        if (o.ok && o.value.readAt === null) void call('items.setRead', { id: hit.id, read: true }).then(() => changed());
      });
      if (focusReader) requestAnimationFrame(() => articleRef.current?.focus({ preventScroll: true }));
    },
    [changed],
  );

  const resultsRef = useRef(results);
  resultsRef.current = results;
  const openById = useCallback(
    (id: string) => {
      const page = resultsRef.current?.pages.get(0) ?? [];
      open(
        page.findIndex((h) => h.id === id),
        { id },
      );
    },
    [open],
  );

  const pendingRow = useRef<number | null>(null);
  useEffect(() => {
    const row = pendingRow.current;
    const hit = row === null ? undefined : hitAt(results, row);
    if (hit) {
      pendingRow.current = null;
      setOpenId(hit.id);
    }
  }, [results]);

  const closeReader = useCallback(() => {
    setOpenId(null);
    sessionStorage.removeItem('dossier.open');
    listRef.current?.focus();
  }, []);

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
      setOpenTerms(queryTerms(textRef.current));
    },
    [results, activeIndex, search],
  );

  const focusList = useCallback(() => {
    listRef.current?.focus();
    if (activeIndex < 0) move(1);
  }, [activeIndex, move]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'Escape') {
        if (isTyping(e.target) && e.target !== searchRef.current) (e.target as HTMLElement).blur();
        listRef.current?.focus();
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 't' && openId) {
        e.preventDefault();
        tagInputRef.current?.focus();
      } else if (e.key === 'n' && openId) {
        e.preventDefault();
        noteInputRef.current?.focus();
      } else if ((e.key === 'j' || e.key === 'k') && e.target !== listRef.current) {
        e.preventDefault();
        listRef.current?.focus();
        move(e.key === 'j' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId, move]);

  // The desktop host's menu and its own imports speak to the renderer through events.
  const { hostProgress, hostFinished } = importer;
  useEffect(
    () =>
      onHostEvent((event) => {
        const payload = event.payload as Record<string, unknown>;
        if (event.name === 'dossier:menu') {
          if (payload.command === 'export-notes') setExportOpen(true);
          if (payload.command === 'focus-search') searchRef.current?.focus();
        } else if (event.name === 'dossier:progress') {
          hostProgress(Number(payload.done), Number(payload.total));
        } else if (event.name === 'dossier:changed') {
          changed();
          if (Array.isArray(payload.imported)) hostFinished(payload.imported as string[], (payload.skipped ?? []) as Array<{ file: string; reason: string }>);
        }
      }),
    [changed, hostProgress, hostFinished],
  );

  const toggleTag = useCallback(
    (name: string) =>
      setTags((all) => (all.some((t) => t.toLowerCase() === name.toLowerCase()) ? all.filter((t) => t.toLowerCase() !== name.toLowerCase()) : [...all, name])),
    [],
  );
  const chooseSource = useCallback((source: string | null) => setFacets((f) => ({ ...f, source })), []);
  const counts = useMemo(
    () => (info.value ? { all: info.value.counts.items, unread: info.value.unread, withNotes: info.value.withNotes } : null),
    [info.value],
  );

  const activeFilters: ActiveFilter[] = [
    ...(view !== 'all' ? [{ label: view === 'unread' ? 'Unread' : 'Has notes', remove: () => setView('all') }] : []),
    ...tags.map((t) => ({ label: `tag: ${t}`, remove: () => toggleTag(t) })),
    ...(facets.source ? [{ label: `source: ${facets.source}`, remove: () => setFacets((f) => ({ ...f, source: null })) }] : []),
    ...(facets.kind ? [{ label: `kind: ${facets.kind}`, remove: () => setFacets((f) => ({ ...f, kind: null })) }] : []),
    ...(facets.year ? [{ label: `year: ${facets.year}`, remove: () => setFacets((f) => ({ ...f, year: null })) }] : []),
  ];

  const onFacet = (kind: 'tags' | 'sources' | 'kinds' | 'years', value: string) => {
    if (kind === 'tags') {
      if (!tags.some((t) => t.toLowerCase() === value.toLowerCase())) setTags([...tags, value]);
    } else setFacets((f) => ({ ...f, [kind === 'sources' ? 'source' : kind === 'kinds' ? 'kind' : 'year']: value }));
  };

  const total = info.value?.counts.items ?? null;
  const exportQuery = [q, ...tags.map((t) => `tag:${quote(t)}`)].filter(Boolean).join(' ');
  const openTitle = (results && openId ? Array.from(results.pages.values()).flat().find((h) => h.id === openId)?.title : null) ?? null;

  const emptyResults =
    total === 0 ? (
      <EmptyState title="Your archive is empty.">
        <p>Press Import, or drop article files (.html, .txt, .md) or exports from Pocket, Instapaper, wallabag or your browser anywhere on this window.</p>
      </EmptyState>
    ) : (
      <EmptyState title={text.trim() ? `Nothing matches “${text.trim()}”.` : 'Nothing here.'}>
        <p>{activeFilters.length ? 'Try removing a filter above, or use fewer words.' : 'Try fewer or different words, or a prefix like elect*.'}</p>
      </EmptyState>
    );

  return (
    // The list gives way before the reader does: on a small window it shrinks towards 260px
    // so that the reading column keeps a readable width.
    <div className="app" style={{ gridTemplateColumns: `${sidebarWidth}px 5px minmax(260px, ${listWidth}px) 5px minmax(460px, 1fr)` }}>
      <header className="topbar">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">D</span>
          <span className="brand-name">Dossier</span>
        </div>
        <SearchBox ref={searchRef} value={text} onChange={onText} onDown={focusList} />
        <div className="toolbar">
          <ImportButton onFiles={importer.run} />
          <button type="button" className="toolbar-button" onClick={() => setUrlOpen(true)} title="Import a web page by its address">
            Add web page…
          </button>
          <button type="button" className="toolbar-button" onClick={() => setExportOpen(true)}>
            Export notes
          </button>
          <BrowserExtensionSettings />
          <ViewSettings theme={theme} onTheme={setTheme} fontSize={fontSize} onFontSize={setFontSize} />
        </div>
      </header>
      <Sidebar
        view={view}
        onView={setView}
        tags={tagList.value?.tags ?? []}
        selectedTags={tags}
        onToggleTag={toggleTag}
        onEditTag={setEditTag}
        sources={sourceList.value?.sources ?? []}
        source={facets.source}
        onSource={chooseSource}
        counts={counts}
      />
      <Splitter label="Resize sidebar" width={sidebarWidth} min={160} max={360} onChange={setSidebarWidth} />
      <section className="results-pane" aria-label="Search results">
        <ResultsHeader
          total={results?.total ?? null}
          notice={results?.notice ?? null}
          parsedAs={results?.parsedAs ?? null}
          sort={sort}
          onSort={setSort}
          filters={activeFilters}
          facets={results?.facets ?? null}
          onFacet={onFacet}
        />
        {search.error && <p className="error-text">{search.error}</p>}
        <ResultList view={results} activeIndex={activeIndex} openId={openId} onMove={move} onOpen={open} ensureRows={search.ensureRows} listRef={listRef} empty={emptyResults} />
      </section>
      <Splitter label="Resize result list" width={listWidth} min={280} max={720} onChange={setListWidth} />
      <main className="reader-pane">
        <Reader
          id={openId}
          allTags={allTags}
          onOpenItem={openById}
          onDeleted={closeReader}
          terms={openTerms}
          tagInputRef={tagInputRef}
          noteInputRef={noteInputRef}
          articleRef={articleRef}
          empty={NOTHING_OPEN}
        />
      </main>
      <DropZone onFiles={importer.run} />
      <ImportStatus state={importer.state} onDismiss={importer.dismiss} />
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} itemId={openId} itemTitle={openTitle} query={exportQuery} tags={allTags} />
      <UrlImportDialog open={urlOpen} onClose={() => setUrlOpen(false)} onImport={importer.importUrl} />
      <TagActionsDialog
        tag={editTag}
        tags={tagList.value?.tags ?? []}
        onClose={() => setEditTag(null)}
        onRenamed={(from, to) => setTags((all) => all.map((t) => (t.toLowerCase() === from.toLowerCase() ? to : t)))}
      />
    </div>
  );
}
