// Turns the many ways other apps write a moment (Unix seconds, milliseconds or microseconds,
// WebKit microseconds since 1601, Apache log dates, loose date strings) into ISO 8601.
// Returns null for anything it cannot read with confidence; never throws.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Dates outside this window are almost surely a unit mistake (or a zero placeholder).
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function fromMillis(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > LATEST) return null;
  return new Date(ms).toISOString();
}

/**
 * An epoch number whose unit is guessed from its size: bookmark files mix seconds
 * (Netscape, Pocket), milliseconds and microseconds (Google, Firefox) under one name.
 */
export function fromEpoch(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  if (n <= 0) return null;
  if (n < 1e11) return fromMillis(n * 1000);
  if (n < 1e14) return fromMillis(n);
  if (n < 1e17) return fromMillis(n / 1000);
  return null;
}

/** Chrome writes microseconds since 1601-01-01 (the Windows FILETIME epoch). */
export function fromWebkitMicros(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return null;
  return fromMillis(n / 1000 - 11_644_473_600_000);
}

/**
 * A date string as written by an app or a page. ISO dates are kept as given (they are
 * already as precise as the source meant); other readable forms become ISO date-times.
 */
export function normaliseDate(value: unknown): string | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Number.isNaN(Date.parse(text)) ? null : text;
  if (/^\d+(\.\d+)?$/.test(text)) return fromEpoch(text);
  // A date-time with no zone would be read in the machine's zone and differ between
  // machines; exporters that omit the zone (Readability, Instapaper) mean UTC.
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T') + 'Z');
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  // Apache log style, as some Netscape exporters write ADD_DATE: 10/Oct/2000:13:55:36 +0300
  const apache = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})\s*([+-]\d{2})(\d{2})$/.exec(text);
  if (apache) {
    const month = MONTHS.indexOf(apache[2].toLowerCase());
    if (month < 0) return null;
    const sign = apache[7].startsWith('-') ? -1 : 1;
    const offset = sign * (Math.abs(Number(apache[7])) * 60 + Number(apache[8])) * 60_000;
    const utc = Date.UTC(
      Number(apache[3]),
      month,
      Number(apache[1]),
      Number(apache[4]),
      Number(apache[5]),
      Number(apache[6]),
    );
    return fromMillis(utc - offset);
  }
  // "2015-09-09 11:10:32 UTC" and "+0200" offsets: make them something Date.parse reads.
  const cleaned = text
    .replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, '$1T$2')
    .replace(/\s*UTC$/i, 'Z')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(cleaned);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
