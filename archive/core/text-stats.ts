// Figures derived from an item's plain text: word count, a short excerpt, a content hash
// that recognises the same text imported twice. Pure and deterministic.

import { createHash } from 'node:crypto';

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-]*/gu);
  return words ? words.length : 0;
}

/** The first ~`max` characters of the text, cut at a word boundary. */
export function excerptOf(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** Equal for texts that differ only in white space and case. */
export function textHash(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (flat.length < 40) return null;
  return createHash('sha256').update(flat).digest('hex').slice(0, 32);
}
