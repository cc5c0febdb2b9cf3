// Plain text as Dossier stores it: UTF-8 without a BOM, \n line ends, paragraphs separated
// by exactly one blank line, no trailing spaces. And the same text as simple paragraph HTML
// for the reader, with every character escaped.

import { decodeText } from './charset';
import { escapeHtml } from './markdown-html';

/** A text file's bytes as text: UTF-8 when valid, else windows-1252 (see charset.ts). */
export function decodeTextFile(bytes: Uint8Array): string {
  return decodeText(bytes).text.replace(/^\uFEFF/, '');
}

export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function paragraphsToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
