// The one search box. Results follow every keystroke (no button); `/` or Ctrl/Cmd+K
// focuses it from anywhere (bound in the App), ↓ moves into the results, Esc clears it.

import { forwardRef } from 'react';

interface Props {
  value: string;
  onChange: (value: string) => void;
  onDown: () => void;
}

export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox({ value, onChange, onDown }, ref) {
  return (
    <div className="search">
      <svg className="search-icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M12.5 12.5 17 17" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <input
        ref={ref}
        type="search"
        aria-label="Search the archive"
        placeholder="Search  ( / )"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.nativeEvent.isComposing)) {
            e.preventDefault();
            onDown();
          } else if (e.key === 'Escape' && value) {
            e.preventDefault();
            e.stopPropagation();
            onChange('');
          }
        }}
      />
    </div>
  );
});
