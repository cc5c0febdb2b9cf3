// A tag's colour as a small dot, the same wherever the tag shows (sidebar, result rows,
// the reader's chips). A tag without a colour gets the quiet default.

export function TagSwatch({ color }: { color: string | null | undefined }) {
  return <span className="tag-dot" style={{ background: color ?? 'var(--tag-dot)' }} aria-hidden="true" />;
}

/** The colour of a tag by name, compared the way tags are (case-insensitively). */
export function colorOf(colors: ReadonlyMap<string, string | null>, name: string): string | null {
  return colors.get(name.toLowerCase()) ?? null;
}
