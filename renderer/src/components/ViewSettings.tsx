// How the app looks: light, dark or the system's theme, and the reader's font size, in a
// small menu behind one toolbar button, with "Restore from a backup…" at its foot (a native popover: Esc and a click outside close
// it), so the toolbar fits a 720 px window. Both persist; the theme is applied to <html>.

import { useEffect } from 'react';

export type Theme = 'system' | 'light' | 'dark';

interface Props {
  theme: Theme;
  onTheme: (theme: Theme) => void;
  fontSize: number;
  onFontSize: (size: number) => void;
  onRestore: () => void;
  /** Opens the Sync setting. */
  onSync: () => void;
}

export const FONT_SIZES = { min: 14, max: 26 };

export function ViewSettings({ theme, onTheme, fontSize, onFontSize, onRestore, onSync }: Props) {
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--reader-size', `${fontSize}px`);
  }, [fontSize]);
  return (
    <>
      <button type="button" className="toolbar-button icon-text" popoverTarget="view-menu">
        <span aria-hidden="true">Aa</span>
        <span className="visually-hidden">View settings</span>
      </button>
      <div id="view-menu" className="menu-popover" popover="auto" role="group" aria-label="View settings">
        <div className="menu-row">
          <span className="menu-label" id="text-size-label">
            Text size
          </span>
          <div className="view-settings" role="group" aria-labelledby="text-size-label">
            <button
              type="button"
              className="icon-button"
              disabled={fontSize <= FONT_SIZES.min}
              onClick={() => onFontSize(fontSize - 1)}
            >
              <span aria-hidden="true">A−</span>
              <span className="visually-hidden">Smaller text</span>
            </button>
            <span className="menu-value" aria-live="polite">
              {fontSize}px
            </span>
            <button
              type="button"
              className="icon-button"
              disabled={fontSize >= FONT_SIZES.max}
              onClick={() => onFontSize(fontSize + 1)}
            >
              <span aria-hidden="true">A+</span>
              <span className="visually-hidden">Larger text</span>
            </button>
          </div>
        </div>
        <label className="menu-row">
          <span className="menu-label">Theme</span>
          <select value={theme} onChange={(e) => onTheme(e.target.value as Theme)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <div className="menu-row menu-foot">
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              document.getElementById('view-menu')?.hidePopover();
              onRestore();
            }}
          >
            Restore from a backup…
          </button>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              document.getElementById('view-menu')?.hidePopover();
              onSync();
            }}
          >
            Sync…
          </button>
        </div>
      </div>
    </>
  );
}
