// The head of the reader: kind, title (the article's only level-1 heading), source, byline,
// published date, a link to the original, word count and reading time.

import type { ItemView } from '../../../archive/api/types';
import { formatDate, hostOf, readingTime } from '../lib/format';

export function ReaderMeta({ item }: { item: ItemView }) {
  const host = hostOf(item.url);
  const facts = [
    item.source,
    item.byline ? `By ${item.byline.replace(/^by\s+/i, '')}` : null,
    formatDate(item.published),
  ].filter(Boolean);
  return (
    <header className="reader-header">
      {item.kind !== 'article' && <span className="kind-badge">{item.kind}</span>}
      <h1 id="reader-title" className="reader-title">
        {item.title || 'Untitled'}
      </h1>
      <p className="reader-facts">
        {facts.map((f, i) => (
          <span key={i} className="fact">
            {f}
          </span>
        ))}
        <span className="fact">{item.wordCount.toLocaleString()} words</span>
        <span className="fact">{readingTime(item.wordCount)}</span>
        {item.url && host && (
          <a className="fact" href={item.url} target="_blank" rel="noopener noreferrer">
            Original on {host} ↗
          </a>
        )}
      </p>
    </header>
  );
}
