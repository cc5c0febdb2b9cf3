// Parses the dateline a wire story opens with ("date 2024-10-06 (MENAFN) ...",
// "LONDON, 6 October 2024 (Reuters) - ...") into a published date and a source, and
// returns the body without it. Returns null when the text has no dateline; never throws.

export interface Dateline {
  published: string | null;
  source: string | null;
  /** The text after the dateline. */
  rest: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A source in parentheses: a wire service or publisher, short and capitalised. */
const SOURCE = String.raw`\(\s*([A-Z][\p{L}\p{N}&.' \-]{0,40}?)\s*\)`;
const DASH = String.raw`\s*(?:[-–—:]\s*)?`;

const FORMS: Array<{ pattern: RegExp; date: (m: RegExpMatchArray) => string | null }> = [
  {
    // date 2024-10-06 (MENAFN)   |   2024-10-06 (MENAFN) -
    pattern: new RegExp(String.raw`^\s*(?:date[:\s]+)?(\d{4})-(\d{2})-(\d{2})\s*${SOURCE}${DASH}`, 'u'),
    date: (m) => isoDate(+m[1], +m[2], +m[3]),
  },
  {
    // LONDON, 6 October 2024 (Reuters) -
    pattern: new RegExp(
      String.raw`^\s*(?:[\p{Lu}][\p{Lu}\p{L} .'\-]{1,40},\s*)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\s*${SOURCE}${DASH}`,
      'u',
    ),
    date: (m) => (monthNumber(m[2]) ? isoDate(+m[3], monthNumber(m[2]), +m[1]) : null),
  },
  {
    // WASHINGTON, Oct. 6, 2024 (AP) -
    pattern: new RegExp(
      String.raw`^\s*(?:[\p{Lu}][\p{Lu}\p{L} .'\-]{1,40},\s*)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\s*${SOURCE}${DASH}`,
      'u',
    ),
    date: (m) => (monthNumber(m[1]) ? isoDate(+m[3], monthNumber(m[1]), +m[2]) : null),
  },
];

export function parseDateline(text: string): Dateline | null {
  const head = text.slice(0, 200);
  for (const form of FORMS) {
    const match = head.match(form.pattern);
    if (!match) continue;
    const published = form.date(match);
    if (!published) continue;
    const source = match[match.length - 1].trim();
    return { published, source, rest: text.slice(match[0].length).replace(/^\s+/, '') };
  }
  return null;
}
