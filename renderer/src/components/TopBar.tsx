// Above the panes: the skip links (the first Tab stops), the library drawer's button when
// the sidebar has given way, the search box, and Import, Add web page…, Export notes, the
// view menu and the shortcut sheet's button.

import { BrowserExtensionSettings } from './BrowserExtensionSettings';
import type { ReactNode } from 'react';
import { SearchBox } from './SearchBox';
import { ImportButton } from './ImportButton';

interface Props {
  /** The drawer's button, when the sidebar is a drawer. */
  drawer: { open: boolean; onToggle: () => void; buttonRef: React.RefObject<HTMLButtonElement | null> } | null;
  search: {
    ref: React.RefObject<HTMLInputElement | null>;
    value: string;
    onChange: (value: string) => void;
    onDown: () => void;
  };
  onSkipToResults: () => void;
  /** Set while an item is open and on screen. */
  onSkipToItem: (() => void) | null;
  onFiles: (files: File[]) => void;
  onAddPage: () => void;
  onExport: () => void;
  onHelp: () => void;
  viewSettings: ReactNode;
}

function SkipLink({ href, onSkip, children }: { href: string; onSkip: () => void; children: ReactNode }) {
  return (
    <a
      className="skip-link"
      href={href}
      onClick={(e) => {
        e.preventDefault();
        onSkip();
      }}
    >
      {children}
    </a>
  );
}

export function TopBar({
  drawer,
  search,
  onSkipToResults,
  onSkipToItem,
  onFiles,
  onAddPage,
  onExport,
  onHelp,
  viewSettings,
}: Props) {
  return (
    <>
      <SkipLink href="#results" onSkip={onSkipToResults}>
        Skip to results
      </SkipLink>
      {onSkipToItem && (
        <SkipLink href="#reader" onSkip={onSkipToItem}>
          Skip to the open item
        </SkipLink>
      )}
      <header className="topbar">
        {drawer && (
          <button
            ref={drawer.buttonRef}
            type="button"
            className="toolbar-button icon-text"
            aria-expanded={drawer.open}
            aria-controls="library"
            onClick={drawer.onToggle}
          >
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
            <span className="visually-hidden">Library, tags and sources</span>
          </button>
        )}
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">D</span>
          <span className="brand-name">Dossier</span>
        </div>
        <SearchBox ref={search.ref} value={search.value} onChange={search.onChange} onDown={search.onDown} />
        <div className="toolbar">
          <ImportButton onFiles={onFiles} />
          <button type="button" className="toolbar-button" onClick={onAddPage} title="Import a web page by its address">
            Add web page…
          </button>
          <button type="button" className="toolbar-button" onClick={onExport}>
            Export notes
          </button>
          <BrowserExtensionSettings />
          {viewSettings}
          <button type="button" className="toolbar-button icon-text" onClick={onHelp}>
            <span aria-hidden="true">?</span>
            <span className="visually-hidden">Keyboard shortcuts</span>
          </button>
        </div>
      </header>
    </>
  );
}
