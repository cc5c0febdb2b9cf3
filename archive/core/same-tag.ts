// Whether two tags are the same, the one rule every part of Dossier applies (the core, the
// importers, search filters, sync, the UI): Unicode-normalised, white space folded and
// trimmed, then compared without regard to case. No imports, so the renderer can take it.

/** A tag as typed, tidied for display: NFC, inner white space folded to one space, trimmed. */
export function tidyTagName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The identity of a tag: two names with the same key are the same tag. Never throws. */
export function tagKey(name: string): string {
  return tidyTagName(name).toLocaleLowerCase('en');
}

/** True when `a` and `b` name the same tag. */
export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}
