// The seal Dossier puts at the end of every dossier.json it writes: a CRC-32 of all the
// bytes before it and a stamp of the schema they were written under. A snapshot whose seal
// matches is byte for byte what a Dossier with this schema wrote from validated data, so an
// open may skip validating it item by item; anything else (edited by hand, damaged, foreign,
// older) has no matching seal and is validated whole, exactly as before.

import { crc32 } from 'node:zlib';
import { ARCHIVE_VERSION, Highlight, Item, Note, Relation, Tag } from './model';
import { crc32After } from './crc';

/** The seal's key: the last member of the snapshot object (readers that do not know it ignore it). */
export const SEAL_KEY = 'seal';
const LEAD = `,"${SEAL_KEY}":{"crc":`;
const TRAILER = /^,"seal":\{"crc":(\d{1,10}),"schema":"([0-9a-f]{8})"\}\}$/;

let stamp: string | null = null;

/**
 * The fields of every record the schema knows, as a short hash. A field added to the model
 * (say with a default that validation would fill in) changes it, so a snapshot written
 * before is validated once more rather than read without the new field.
 */
export function schemaStamp(): string {
  stamp ??= crc32(
    JSON.stringify([ARCHIVE_VERSION, ...[Item, Tag, Note, Highlight, Relation].map((s) => Object.keys(s.shape))]),
  )
    .toString(16)
    .padStart(8, '0');
  return stamp;
}

/** Passes a snapshot's text through (less its closing brace, which `body` must not yield)
 *  and ends it with the seal over everything yielded. */
export async function* sealed(body: AsyncIterable<string>): AsyncGenerator<string> {
  let crc = 0;
  for await (const part of body) {
    crc = crc32After(crc, part);
    yield part;
  }
  yield `${LEAD}${crc},"schema":"${schemaStamp()}"}}`;
}

/** Whether `bytes` end with a seal that matches them and this schema. */
export function hasValidSeal(bytes: Uint8Array): boolean {
  const seal = sealOf(bytes);
  return seal !== null && crc32(bytes.subarray(0, seal.at)) === seal.crc;
}

/** Where the seal at the end of `bytes` starts and the CRC it claims for the bytes before
 *  it, if it is a seal of this schema (the CRC is the caller's to check). */
export function sealOf(bytes: Uint8Array): { at: number; crc: number } | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The seal is short and last: look only at the tail, not through the whole file.
  const tailFrom = Math.max(0, buffer.length - 80);
  const at = buffer.lastIndexOf(LEAD, buffer.length - 1, 'latin1');
  if (at < tailFrom) return null;
  const m = TRAILER.exec(buffer.toString('latin1', at));
  if (!m || m[2] !== schemaStamp()) return null;
  return { at, crc: Number(m[1]) };
}
