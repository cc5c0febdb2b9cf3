// The Markdown pieces the note exporters share: a highlight as a block quote followed by
// its comment, notes separated by rules, and link text that cannot break out of its brackets.

import type { Highlight, Note } from '../core/model';
import { byCreation, inTextOrder } from './export-types';

/** Every line quoted, blank lines included, so a multi-paragraph quote stays one quote. */
export function blockQuote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

export function linkText(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1').replace(/\s+/g, ' ');
}

/** A link to a sibling file; angle brackets let the name keep its spaces. */
export function fileLink(title: string, fileName: string): string {
  return `[${linkText(title)}](<${fileName}>)`;
}

/** Highlights in text order, each quote followed by its comment when there is one. */
export function highlightBlocks(highlights: readonly Highlight[]): string[] {
  return inTextOrder(highlights).map((h) => (h.comment !== null && h.comment.trim() !== '' ? `${blockQuote(h.quote)}\n\n${h.comment.trim()}` : blockQuote(h.quote)));
}

/** Notes oldest first, separated by thematic breaks (they are Markdown already). */
export function noteBlocks(notes: readonly Note[]): string {
  return byCreation(notes)
    .map((n) => n.text.replace(/\r\n?/g, '\n').trim())
    .filter((t) => t !== '')
    .join('\n\n---\n\n');
}
