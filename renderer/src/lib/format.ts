// How dates, counts and reading times read in the interface: short, calm, and in the
// reader's own locale. Dates given only as a year or month are shown no more precisely.

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const monthFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}$/.test(iso)) return iso;
  const date = new Date(iso.length === 7 ? `${iso}-01T00:00:00Z` : iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (iso.length === 7) return monthFormat.format(date);
  return iso.length === 10
    ? dateFormat.format(new Date(date.getTime() + date.getTimezoneOffset() * 60_000))
    : dateFormat.format(date);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Minutes at 230 words a minute, never less than one. */
export function readingTime(words: number): string {
  return `${Math.max(1, Math.round(words / 230))} min read`;
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
