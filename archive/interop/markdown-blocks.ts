// The Markdown pieces the note exporters share: a highlight as a block quote followed by
// its comment, notes separated by rules with their own headings moved below the export's,
// and link text that cannot break out of its brackets.

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
  return inTextOrder(highlights).map((h) =>
    h.comment !== null && h.comment.trim() !== ''
      ? `${blockQuote(h.quote)}\n\n${h.comment.trim()}`
      : blockQuote(h.quote),
  );
}

const ATX = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/**
 * The note's headings moved down so the highest becomes level `top` (capped at 6), so a
 * note's own `## Heading` never reads as one of the export's sections. Setext headings
 * become ATX ones; lines inside fenced code are left alone.
 */
export function demoteHeadings(markdown: string, top: number): string {
  const lines = markdown.split('\n');
  const levels: Array<number | null> = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const opens = FENCE.exec(line);
    if (fence !== null) {
      if (opens && opens[1][0] === fence[0] && opens[1].length >= fence.length) fence = null;
      levels.push(null);
      continue;
    }
    if (opens) {
      fence = opens[1];
      levels.push(null);
      continue;
    }
    const atx = ATX.exec(line);
    const next = lines[i + 1];
    if (atx) levels.push(atx[2].length);
    else if (
      next !== undefined &&
      line.trim() !== '' &&
      !/^ {0,3}([>*+-]|\d+[.)])/.test(line) &&
      SETEXT.exec(next) &&
      (levels[i - 1] === undefined || lines[i - 1].trim() === '' || levels[i - 1] !== null)
    ) {
      levels.push(next.trim()[0] === '=' ? -1 : -2); // a setext heading: its underline follows
    } else levels.push(null);
  }
  const found = levels.filter((l): l is number => l !== null).map(Math.abs);
  if (found.length === 0) return markdown;
  const shift = Math.max(0, top - Math.min(...found));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const level = levels[i];
    if (level === null) out.push(lines[i]);
    else if (level > 0)
      out.push(lines[i].replace(ATX, (_, indent: string) => `${indent}${'#'.repeat(Math.min(6, level + shift))}`));
    else {
      out.push(`${'#'.repeat(Math.min(6, -level + shift))} ${lines[i].trim()}`);
      i++; // the underline
    }
  }
  return out.join('\n');
}

/** Notes oldest first, separated by thematic breaks, their headings below level `top`. */
export function noteBlocks(notes: readonly Note[], top = 3): string {
  return byCreation(notes)
    .map((n) => demoteHeadings(n.text.replace(/\r\n?/g, '\n').trim(), top))
    .filter((t) => t !== '')
    .join('\n\n---\n\n');
}
