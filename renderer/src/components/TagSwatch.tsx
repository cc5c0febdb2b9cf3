// A tag's colour as a small dot, the same wherever the tag shows (sidebar, result rows,
// the reader's chips). A tag without a colour gets the quiet default.

import { tagKey } from '../../../archive/api/rules';

export function TagSwatch({ color }: { color: string | null | undefined }) {
  return <span className="tag-dot" style={{ background: color ?? 'var(--tag-dot)' }} aria-hidden="true" />;
}

/** Tags' colours keyed by tag identity, for colorOf. */
export function colorMap(
  tags: ReadonlyArray<{ name: string; color: string | null }>,
): ReadonlyMap<string, string | null> {
  return new Map(tags.map((t) => [tagKey(t.name), t.color]));
}

/** The colour of a tag by name, compared the way tags are (archive/api/rules `tagKey`). */
export function colorOf(colors: ReadonlyMap<string, string | null>, name: string): string | null {
  return colors.get(tagKey(name)) ?? null;
}
