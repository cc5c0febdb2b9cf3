// Unzips a file that may be hostile without letting it decide how much memory it takes:
// the central directory's declared sizes, ratios and entry count are checked before any
// byte is inflated, and inflation streams in small steps, stopping as soon as an entry
// gives more than it declared. Throws UnzipRefused with a one-line reason.

import { Unzip, UnzipInflate, unzipSync } from 'fflate';

export interface UnzipLimits {
  /** At most this many entries (a bundle has two per item, plus two). */
  entries: number;
  /** No single entry may inflate to more than this... */
  entryBytes: number;
  /** ...nor all of them together. */
  totalBytes: number;
  /** Real text deflates 3 to 20 times; an entry that claims far more than this is a bomb. */
  ratio: number;
}

export const UNZIP_LIMITS: UnzipLimits = {
  entries: 500_000,
  entryBytes: 512 * 1024 * 1024,
  totalBytes: 1024 * 1024 * 1024,
  ratio: 200,
};
/** ...unless it is small: a short run of spaces may legitimately shrink a thousandfold. */
const RATIO_APPLIES_ABOVE = 1024 * 1024;
/** Compressed bytes handed to the inflater at a time: each step yields at most ~1,032 times this. */
const STEP = 16 * 1024;

export class UnzipRefused extends Error {}

interface Declared {
  size: number;
  originalSize: number;
  compression: number;
}

const mb = (n: number): string => (n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`);

/** Reads the central directory only: names and declared sizes, nothing inflated. */
function centralDirectory(bytes: Uint8Array, limits: UnzipLimits): Map<string, Declared> {
  const entries = new Map<string, Declared>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (entries.size >= limits.entries) throw new UnzipRefused(`it holds more than ${limits.entries.toLocaleString('en')} files`);
        if (entries.has(file.name)) throw new UnzipRefused(`it holds ${file.name.slice(0, 80)} twice`);
        const { size, originalSize, compression } = file;
        if (compression !== 0 && compression !== 8) throw new UnzipRefused(`${file.name.slice(0, 80)} uses an unsupported compression method (${compression})`);
        if (compression === 0 && size !== originalSize) throw new UnzipRefused(`${file.name.slice(0, 80)} declares sizes that disagree`);
        if (originalSize > limits.entryBytes) throw new UnzipRefused(`${file.name.slice(0, 80)} would inflate to ${mb(originalSize)} (the limit is ${mb(limits.entryBytes)})`);
        if (originalSize > RATIO_APPLIES_ABOVE && originalSize / Math.max(size, 1) > limits.ratio) {
          throw new UnzipRefused(`${file.name.slice(0, 80)} would inflate ${Math.round(originalSize / Math.max(size, 1))} times (a zip bomb)`);
        }
        total += originalSize;
        if (total > limits.totalBytes) throw new UnzipRefused(`it would inflate to more than ${mb(limits.totalBytes)}`);
        entries.set(file.name, { size, originalSize, compression });
        return false;
      },
    });
  } catch (error) {
    if (error instanceof UnzipRefused) throw error;
    throw new UnzipRefused('it is not a readable zip file');
  }
  return entries;
}

/**
 * Every file in the zip, by path. Refuses (UnzipRefused) a zip that is not one, declares
 * too much, or inflates to more than it declared; memory stays within the declared sizes
 * plus one step.
 */
export function safeUnzip(bytes: Uint8Array, limits: UnzipLimits = UNZIP_LIMITS): Record<string, Uint8Array> {
  const declared = centralDirectory(bytes, limits);
  const out: Record<string, Uint8Array> = {};
  let failure: string | null = null;
  const fail = (reason: string): void => {
    failure ??= reason;
  };
  const unzip = new Unzip((file) => {
    const entry = declared.get(file.name);
    if (!entry) return fail(`${file.name.slice(0, 80)} is not in the zip's directory`);
    if (file.name in out) return fail(`it holds ${file.name.slice(0, 80)} twice`);
    const chunks: Uint8Array[] = [];
    let length = 0;
    file.ondata = (error, chunk, final) => {
      if (failure !== null) return;
      if (error) return fail(`${file.name.slice(0, 80)} cannot be inflated`);
      length += chunk.length;
      if (length > entry.originalSize) {
        file.terminate();
        return fail(`${file.name.slice(0, 80)} inflates to more than the ${entry.originalSize} bytes it declares (a zip bomb)`);
      }
      chunks.push(chunk);
      if (final) out[file.name] = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && failure === null; at += STEP) {
      const end = Math.min(at + STEP, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    fail('it is not a readable zip file');
  }
  if (failure !== null) throw new UnzipRefused(failure);
  for (const [name, entry] of declared) {
    if (name.endsWith('/') && entry.originalSize === 0) continue; // a folder entry
    const got = out[name];
    if (got === undefined || got.length !== entry.originalSize) throw new UnzipRefused(`${name.slice(0, 80)} is damaged (it does not hold what it declares)`);
  }
  return out;
}
