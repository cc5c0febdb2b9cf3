// Imports a .txt file: a wire dateline at its head becomes the published date and source
// and leaves the body; a short first line standing alone is the title, otherwise the
// title is written from the lead (see headline.ts).

import type { Importer, ImportDraft, SourceFile } from './types';
import { parseDateline } from './dateline';
import { headlineFor } from './headline';
import { decodeTextFile, normaliseText, paragraphsToHtml } from './text-body';

/** A first line that reads as a title: short, alone in its paragraph, no final full stop. */
function titleLine(text: string): { title: string; rest: string } | null {
  const match = text.match(/^([^\n]{3,150})\n\s*\n([\s\S]*)$/);
  if (!match || /[.!?,;:]$/.test(match[1].trim())) return null;
  return { title: match[1].replace(/^#+\s*/, '').trim(), rest: match[2] };
}

export function draftFromText(raw: string): ImportDraft {
  let text = normaliseText(raw);
  if (!text) throw new Error('the file is empty');
  let title: string | null = null;
  const titled = titleLine(text);
  if (titled && !parseDateline(text)) {
    title = titled.title;
    text = normaliseText(titled.rest);
  }
  const dateline = parseDateline(text);
  if (dateline) text = normaliseText(dateline.rest);
  if (!text) throw new Error('the file has a title but no text');
  return {
    kind: 'article',
    title: title ?? headlineFor(text),
    byline: null,
    source: dateline?.source ?? null,
    url: null,
    published: dateline?.published ?? null,
    language: 'en',
    excerpt: null,
    html: paragraphsToHtml(text),
    text,
    tags: [],
    added: null,
    readAt: null,
    highlights: [],
    notes: [],
  };
}

export const plainTextImporter: Importer = {
  format: 'plain-text',
  accepts: (file: SourceFile) => /\.txt$/i.test(file.name),
  parse: (file: SourceFile) => ({ drafts: [draftFromText(decodeTextFile(file.bytes))], skipped: [] }),
};
