// Imports a Markdown file, with or without YAML front matter (title, source, url,
// date/published, tags, author/byline, language). The title falls back to the first
// heading, then to a headline written from the text. A dateline is honoured as in .txt.

import type { Importer, ImportDraft, SourceFile } from './types';
import { parseDateline } from './dateline';
import { splitFrontMatter } from './front-matter';
import { sanitiseHtml } from './html-text';
import { headlineFor } from './headline';
import { decodeTextFile, normaliseText } from './text-body';
import { markdownToHtml } from './markdown-html';

/** The front matter's fields and the body after it; a one-line reason when it is not YAML. */
function readFrontMatter(text: string): { fields: Record<string, unknown>; body: string } {
  try {
    const { data, body } = splitFrontMatter(text);
    return { fields: data ?? {}, body };
  } catch (error) {
    throw new Error(`its front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
}

function str(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || null;
  return null;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str).filter((v): v is string => v !== null);
  const one = str(value);
  return one
    ? one
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : [];
}

function published(value: unknown): string | null {
  const raw = str(value);
  if (!raw) return null;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : date.toISOString();
}

export function draftFromMarkdown(raw: string): ImportDraft {
  const { fields, body } = readFrontMatter(normaliseText(raw));
  let source = normaliseText(body);
  const heading = source.match(/^#\s+(.+)\n*/);
  let title = str(fields.title);
  if (!title && heading) {
    title = heading[1].trim();
    source = source.slice(heading[0].length);
  }
  const dateline = parseDateline(source);
  if (dateline) source = dateline.rest;
  const { html, text } = sanitiseHtml(markdownToHtml(source));
  if (!text && !title) throw new Error('the file is empty');
  return {
    kind: 'article',
    title: title ?? headlineFor(text),
    byline: str(fields.author) ?? str(fields.byline) ?? (list(fields.authors).join(', ') || null),
    source: str(fields.source) ?? str(fields.publisher) ?? str(fields.site) ?? dateline?.source ?? null,
    url: str(fields.url) ?? str(fields.link) ?? str(fields.source_url) ?? null,
    published: published(fields.published ?? fields.date) ?? dateline?.published ?? null,
    language: str(fields.language) ?? str(fields.lang),
    excerpt: str(fields.excerpt) ?? str(fields.description) ?? str(fields.summary),
    html: html || null,
    text,
    tags: list(fields.tags ?? fields.keywords),
    added: null,
    readAt: null,
    highlights: [],
    notes: [],
  };
}

export const markdownImporter: Importer = {
  format: 'markdown',
  accepts: (file: SourceFile) => /\.(md|markdown)$/i.test(file.name),
  parse: (file: SourceFile) => ({ drafts: [draftFromMarkdown(decodeTextFile(file.bytes))], skipped: [] }),
};
