// RFC 4180 CSV: a reader that accepts quoted fields with commas, quotes and line breaks
// (and a BOM, CRLF or LF endings), and a writer whose output that reader reads back exactly.

/** Rows of fields; a trailing empty line does not make an empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header row's (trimmed, lower-cased) names. */
export function parseCsvRecords(text: string): { header: string[]; records: Array<Record<string, string>> } {
  const [first, ...rest] = parseCsv(text);
  const header = (first ?? []).map((h) => h.trim().toLowerCase());
  const records = rest
    .filter((r) => !(r.length === 1 && r[0].trim() === ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  return { header, records };
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** CRLF-terminated records, fields quoted only when they must be. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((r) => r.map(quote).join(',') + '\r\n').join('');
}
