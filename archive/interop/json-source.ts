// Reads a SourceFile as JSON once, however many importers ask: the registry lets each JSON
// importer look at the parsed value to decide whether the file is its format.

import type { SourceFile } from './types';

const cache = new WeakMap<Uint8Array, { value: unknown } | null>();

/** The parsed JSON, or undefined when the bytes are not JSON (never throws). */
export function readJson(file: SourceFile): unknown {
  let hit = cache.get(file.bytes);
  if (hit === undefined) {
    hit = null;
    if (looksLikeJson(file.bytes)) {
      try {
        hit = { value: JSON.parse(new TextDecoder('utf-8').decode(file.bytes)) };
      } catch {
        hit = null;
      }
    }
    cache.set(file.bytes, hit);
  }
  return hit?.value;
}

/** True when the bytes open like a JSON array or object (after a BOM and white space). */
export function looksLikeJson(bytes: Uint8Array): boolean {
  const first = firstNonSpace(bytes);
  return first === 0x5b || first === 0x7b;
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i];
}

/** Decoded text of a file, dropping a UTF-8 byte order mark. */
export function readText(file: SourceFile): string {
  return new TextDecoder('utf-8').decode(file.bytes);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's extension, lower-cased, without the dot ('' when none). */
export function extension(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
