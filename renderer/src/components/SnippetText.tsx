// A search snippet with its matched words wrapped in <mark>. The marks are offsets into the
// snippet's own text, so nothing here is parsed as HTML.

import type { Snippet } from '../../../archive/api/types';

export function SnippetText({ snippet }: { snippet: Snippet }) {
  const parts: Array<string | { mark: string }> = [];
  let at = 0;
  for (const [s, e] of [...snippet.marks].sort((a, b) => a[0] - b[0])) {
    if (s < at || e <= s) continue;
    if (s > at) parts.push(snippet.text.slice(at, s));
    parts.push({ mark: snippet.text.slice(s, e) });
    at = e;
  }
  if (at < snippet.text.length) parts.push(snippet.text.slice(at));
  return <>{parts.map((p, i) => (typeof p === 'string' ? <span key={i}>{p}</span> : <mark key={i}>{p.mark}</mark>))}</>;
}
