// "Results ▾" in the results header: what acts on the current search as a whole: save it
// in the sidebar, mark every result read, tag every result, and fetch the articles of all
// bookmarks. A native popover, so Esc and a click outside close it.

interface Props {
  canSave: boolean;
  total: number;
  onSave: () => void;
  onMarkAllRead: () => void;
  onTagAll: () => void;
  onFetchBookmarks: () => void;
}

export function ResultsMenu({ canSave, total, onSave, onMarkAllRead, onTagAll, onFetchBookmarks }: Props) {
  const close = (then: () => void) => () => {
    document.getElementById('results-menu')?.hidePopover();
    then();
  };
  return (
    <>
      <button type="button" className="small-button results-menu-button" popoverTarget="results-menu">
        Results <span aria-hidden="true">▾</span>
      </button>
      <div
        id="results-menu"
        className="menu-popover results-menu"
        popover="auto"
        role="group"
        aria-label="Results actions"
      >
        <button type="button" className="menu-item" disabled={!canSave} onClick={close(onSave)}>
          Save this search…
        </button>
        <button type="button" className="menu-item" disabled={total === 0} onClick={close(onMarkAllRead)}>
          Mark all read
        </button>
        <button type="button" className="menu-item" disabled={total === 0} onClick={close(onTagAll)}>
          Tag all results…
        </button>
        <button type="button" className="menu-item" onClick={close(onFetchBookmarks)}>
          Fetch all bookmarks
        </button>
      </div>
    </>
  );
}
