// The open item's tags: chips removable with one click, and an "Add tag" field that
// suggests existing tags as you type (↑/↓ to choose, Enter or comma to add).

import { useState } from 'react';
import type { ItemView } from '../../../archive/api/types';
import { useAction } from '../hooks/useAction';
import { TagSwatch, colorOf } from './TagSwatch';
import { MAX_TAG_LENGTH, sameTag, tagKey, tidyTagName } from '../../../archive/api/rules';

interface Props {
  item: ItemView;
  allTags: string[];
  tagColors: ReadonlyMap<string, string | null>;
  inputRef: React.RefObject<HTMLInputElement | null>;
}

export function TagEditor({ item, allTags, tagColors, inputRef }: Props) {
  const act = useAction();
  const [draft, setDraft] = useState('');
  const [choice, setChoice] = useState(-1);
  const has = (t: string) => item.tags.some((x) => sameTag(x, t));
  const typed = tagKey(draft);
  const suggestions = typed ? allTags.filter((t) => tagKey(t).includes(typed) && !has(t)).slice(0, 6) : [];

  const add = async (name: string) => {
    const tag = tidyTagName(name);
    if (!tag) return;
    setDraft('');
    setChoice(-1);
    if (!has(tag)) await act('tags.add', { id: item.id, tags: [tag] });
  };

  return (
    <div className="tag-editor">
      {item.tags.length > 0 && (
        <ul className="tag-chips" aria-label="Tags on this item">
          {item.tags.map((t) => (
            <li key={t} className="tag-chip">
              <TagSwatch color={colorOf(tagColors, t)} />
              <span>{t}</span>
              <button
                type="button"
                className="chip-x"
                aria-label={`Remove tag ${t}`}
                onClick={() => void act('tags.remove', { id: item.id, tags: [t] })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tag-input-wrap">
        <input
          ref={inputRef}
          className="tag-input"
          aria-label="Add tag"
          maxLength={MAX_TAG_LENGTH}
          placeholder="Add tag (t)"
          value={draft}
          aria-describedby={suggestions.length ? 'tag-suggestions' : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setChoice(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && suggestions.length) {
              e.preventDefault();
              setChoice((c) => (c + 1) % suggestions.length);
            } else if (e.key === 'ArrowUp' && suggestions.length) {
              e.preventDefault();
              setChoice((c) => (c <= 0 ? suggestions.length - 1 : c - 1));
            } else if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              void add(choice >= 0 ? suggestions[choice] : draft);
            } else if (e.key === 'Escape' && draft) {
              e.stopPropagation();
              setDraft('');
            }
          }}
        />
        {suggestions.length > 0 && (
          <ul className="suggestions" id="tag-suggestions" aria-label="Suggested tags">
            {suggestions.map((s, i) => (
              <li key={s}>
                <button
                  type="button"
                  tabIndex={-1}
                  className={i === choice ? 'suggestion suggestion-chosen' : 'suggestion'}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void add(s)}
                >
                  {s}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
