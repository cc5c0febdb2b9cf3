// The reader pane: the open item in a calm reading column (title, source, byline, date,
// original link, word count, reading time), its tags, its highlights drawn in the text,
// and its highlights, notes and related items: in a column beside the text when the pane
// has room, else after it, with jump links at the top so nobody scrolls through the article.

import { memo, useEffect, useRef, useState } from 'react';
import type { ItemView } from '../../../archive/api/types';
import { current, useQuery } from '../hooks/useQuery';
import { isTyping } from '../hooks/useShortcuts';
import { ReaderMeta } from './ReaderMeta';
import { TagEditor } from './TagEditor';
import { ArticleBody, type PendingHighlight } from './ArticleBody';
import { HighlightBar } from './HighlightBar';
import { HighlightList } from './HighlightList';
import { NotesPanel } from './NotesPanel';
import { RelatedPanel } from './RelatedPanel';
import { ReaderActions } from './ReaderActions';
import { ReaderJumps } from './ReaderJumps';
import { useReadingProgress } from '../hooks/useReadingProgress';

interface Props {
  id: string | null;
  allTags: string[];
  tagColors: ReadonlyMap<string, string | null>;
  onOpenItem: (id: string) => void;
  onDeleted: () => void;
  onFetch: (id: string, title: string) => void;
  terms: string[];
  tagInputRef: React.RefObject<HTMLInputElement | null>;
  noteInputRef: React.RefObject<HTMLTextAreaElement | null>;
  articleRef: React.RefObject<HTMLElement | null>;
  empty: React.ReactNode;
}

/** Memoised: typing in the search box re-renders the App, never the open article. */
export const Reader = memo(function Reader({
  id,
  allTags,
  tagColors,
  onOpenItem,
  onDeleted,
  onFetch,
  terms,
  tagInputRef,
  noteInputRef,
  articleRef,
  empty,
}: Props) {
  const item = useQuery('items.get', id ? { id } : null);
  // Kept while a refetch runs, so the text (and the reader's place in it) does not flicker.
  const content = useQuery('items.content', id ? { id } : null);
  const [pending, setPending] = useState<PendingHighlight | null>(null);
  const [focusedHighlight, setFocusedHighlight] = useState<string | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const highlightForm = useRef<HTMLFormElement>(null);

  const view: ItemView | null = id ? current(item, { id }) : null;
  const shownTitle = view?.title ?? null;
  const text = id ? current(content, { id }) : null;
  useReadingProgress(view ? view.id : null, view ? view.progress : null, text !== null, articleRef);
  useEffect(() => {
    document.title = shownTitle ? `${shownTitle} — Dossier` : 'Dossier';
  }, [shownTitle]);

  // `h` turns the selected passage into a highlight, however it was selected.
  const hasPending = pending !== null;
  useEffect(() => {
    if (!hasPending) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'h' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      if (document.querySelector('dialog[open], :popover-open')) return;
      e.preventDefault();
      highlightForm.current?.requestSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasPending]);

  // The open item went away: deleted in another window, or merged by sync into the same
  // article from another machine (whose id it now has). The reader closes rather than show an error.
  const gone = Boolean(id) && item.code === 'not_found' && item.for === JSON.stringify({ id });
  useEffect(() => {
    if (gone) onDeleted();
  }, [gone, onDeleted]);

  // Until the effect above has closed it, a gone item shows the empty pane: its "not found"
  // is not an error the reader should flash.
  if (!id || gone) return <div className="reader-empty">{empty}</div>;
  if (item.error && item.for === JSON.stringify({ id })) {
    return (
      <div className="reader-empty">
        <p className="error-text">{item.error}</p>
      </div>
    );
  }
  if (!view) return <div className="reader-empty" aria-busy="true" />;

  return (
    <div className="reader-layout">
      <article className="reader" ref={articleRef} tabIndex={-1} aria-labelledby="reader-title" data-item-id={view.id}>
        <ReaderActions item={view} onDeleted={onDeleted} onFetch={onFetch} />
        <ReaderMeta item={view} />
        <TagEditor item={view} allTags={allTags} tagColors={tagColors} inputRef={tagInputRef} />
        <ReaderJumps item={view} />
        <HighlightBar itemId={view.id} pending={pending} formRef={highlightForm} onDone={() => setPending(null)} />
        {view.kind === 'bookmark' && view.url && text && !text.text.trim() && (
          <p className="bookmark-hint">
            Only this page’s address is kept so far. “Fetch article” above keeps the article itself, to read offline.
          </p>
        )}
        {text ? (
          <ArticleBody
            key={view.id}
            itemId={view.id}
            bodyRef={bodyRef}
            html={text.html}
            text={text.text}
            highlights={view.highlights}
            terms={terms}
            onPending={setPending}
            onHighlightClick={setFocusedHighlight}
          />
        ) : (
          <div className="article-body" aria-busy="true" />
        )}
      </article>
      <aside className="reader-aside" aria-label="About this item">
        <HighlightList item={view} focused={focusedHighlight} bodyRef={bodyRef} />
        <NotesPanel item={view} inputRef={noteInputRef} />
        <RelatedPanel item={view} onOpen={onOpenItem} />
        <p className="back-to-top">
          <button type="button" className="text-button" onClick={() => articleRef.current?.focus()}>
            ↑ Back to the article
          </button>
        </p>
      </aside>
    </div>
  );
});
