// The sealed form segments and snapshots share: JSON lines (a header, then records), and a
// last line with their count and a sha256 of every byte before it. A file without a whole,
// matching seal is still arriving (an engine may deliver it in pieces, or write in place).

import { sha256 } from './codec';

export function sealLines(header: unknown, records: readonly unknown[]): Uint8Array {
  const body = [JSON.stringify(header), ...records.map((r) => JSON.stringify(r))].join('\n') + '\n';
  return Buffer.from(`${body}${JSON.stringify({ end: records.length, sha256: sha256(body) })}\n`);
}

/** The lines before the seal (header first) and the count it states; 'torn' unless sealed whole. */
export function unsealLines(bytes: Uint8Array): { lines: string[]; count: unknown } | 'torn' {
  const text = Buffer.from(bytes).toString('utf8');
  const lastBreak = text.endsWith('\n') ? text.lastIndexOf('\n', text.length - 2) : -1;
  if (lastBreak < 0) return 'torn';
  const body = text.slice(0, lastBreak + 1);
  let seal: { end?: unknown; sha256?: unknown };
  try {
    seal = JSON.parse(text.slice(lastBreak + 1));
  } catch {
    return 'torn';
  }
  if (typeof seal?.sha256 !== 'string' || seal.sha256 !== sha256(body)) return 'torn';
  return { lines: body.slice(0, -1).split('\n'), count: seal.end };
}
