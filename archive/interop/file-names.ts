// File names made from titles that every desktop file system accepts (no reserved
// characters or Windows device names, no trailing dot or space, at most 100 UTF-8 bytes of
// stem) and that stay the same from one export to the next, so re-exporting overwrites
// rather than duplicates. Names that clash (ignoring case) are told apart by item id.

const MAX_STEM_BYTES = 100;

/** Windows refuses these device names as a name's first part, whatever follows the dot. */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(\.|$))/i;

const encoder = new TextEncoder();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function truncateBytes(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  // Cut between graphemes, never inside one (an emoji, a letter with its accent).
  for (const { segment } of graphemes.segment(text)) {
    const size = encoder.encode(segment).length;
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/** A safe file stem (no extension) for a title; 'Untitled' when nothing usable is left. */
export function safeFileStem(title: string, maxBytes: number = MAX_STEM_BYTES): string {
  let stem = title
    .normalize('NFC')
    // Invisible and direction-changing characters make names that look alike but differ.
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s*:\s*/g, ' - ')
    .replace(/[/\\|]/g, '-')
    .replace(/"/g, "'")
    .replace(/[<>?*]/g, '')
    .replace(/\s+/g, ' ');
  const tidy = (s: string): string => s.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  stem = tidy(truncateBytes(tidy(stem), maxBytes));
  if (stem === '') return 'Untitled';
  return stem.replace(RESERVED, '$1_');
}

/**
 * Assigns each item a file name `<stem><extension>`. Items are taken in id order, so the
 * outcome depends only on the set of items: of items whose stems clash, the lowest id keeps
 * the plain name and the others get " (<id>)".
 */
export function assignFileNames(
  items: ReadonlyArray<{ id: string; title: string }>,
  extension = '.md',
): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const key = (name: string): string => name.normalize('NFC').toLowerCase();
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id, title } of sorted) {
    if (names.has(id)) continue;
    const stem = safeFileStem(title);
    const idPart = safeFileStem(id, 40);
    let name = `${stem}${extension}`;
    for (let n = 1; taken.has(key(name)); n++) name = `${stem} (${idPart}${n > 1 ? `-${n}` : ''})${extension}`;
    taken.add(key(name));
    names.set(id, name);
  }
  return names;
}
