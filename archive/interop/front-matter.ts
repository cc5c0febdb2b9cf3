// YAML front matter as Markdown tools expect it: a block between "---" lines. Written in
// YAML 1.1 style so that strings such as "no", "on" or "2024-10-06" are quoted and read
// back as the same strings by 1.1 and 1.2 parsers alike (Jekyll, Obsidian, Hugo).

import { parse, stringify } from 'yaml';

export function frontMatter(data: Record<string, unknown>): string {
  return `---\n${stringify(data, { lineWidth: 0, version: '1.1' })}---\n`;
}

/** The front matter of a Markdown text and the body after it; data is null when there is none. */
export function splitFrontMatter(markdown: string): { data: Record<string, unknown> | null; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(markdown);
  if (m === null) return { data: null, body: markdown };
  const data = parse(m[1], { version: '1.1' }) as unknown;
  return {
    data: typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    body: markdown.slice(m[0].length),
  };
}
