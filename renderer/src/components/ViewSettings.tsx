// How the app looks: light, dark or the system's theme, and the reader's font size.
// Both persist; the theme is applied to <html> so the whole window follows it.

import { useEffect } from 'react';

export type Theme = 'system' | 'light' | 'dark';

interface Props {
  theme: Theme;
  onTheme: (theme: Theme) => void;
  fontSize: number;
  onFontSize: (size: number) => void;
}

export const FONT_SIZES = { min: 14, max: 26 };

export function ViewSettings({ theme, onTheme, fontSize, onFontSize }: Props) {
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--reader-size', `${fontSize}px`);
  }, [fontSize]);
  return (
    <div className="view-settings" role="group" aria-label="View">
      <button type="button" className="icon-button" aria-label="Smaller text" disabled={fontSize <= FONT_SIZES.min} onClick={() => onFontSize(fontSize - 1)}>
        A−
      </button>
      <button type="button" className="icon-button" aria-label="Larger text" disabled={fontSize >= FONT_SIZES.max} onClick={() => onFontSize(fontSize + 1)}>
        A+
      </button>
      <select aria-label="Theme" value={theme} onChange={(e) => onTheme(e.target.value as Theme)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}
