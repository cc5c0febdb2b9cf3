// Unzips a file that may be hostile without letting it decide how much memory it takes:
// the central directory's declared sizes, ratios and entry count are checked before any
// byte is inflated, and zlib inflates each entry with its declared size as a hard cap,
// stopping the moment an entry gives more. Throws UnzipRefused with a one-line reason.

import { inflateRawSync } from 'node:zlib';
import { readZipDirectory, type ZipEntry } from './zip-directory';

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
/** The ratio limit holds only above this size: a short run of spaces may legitimately shrink a thousandfold. */
const RATIO_APPLIES_ABOVE = 1024 * 1024;

export class UnzipRefused extends Error {}

const mb = (n: number): string => (n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`);

/** Reads the central directory only: names and declared sizes, checked against the limits, nothing inflated. */
function checkedDirectory(bytes: Uint8Array, limits: UnzipLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  try {
    readZipDirectory(bytes, (entry) => {
      const name = entry.name.slice(0, 80);
      if (entries.length >= limits.entries)
        throw new UnzipRefused(`it holds more than ${limits.entries.toLocaleString('en')} files`);
      if (names.has(entry.name)) throw new UnzipRefused(`it holds ${name} twice`);
      const { compressedSize, size, method } = entry;
      if (method !== 0 && method !== 8)
        throw new UnzipRefused(`${name} uses an unsupported compression method (${method})`);
      if (method === 0 && compressedSize !== size) throw new UnzipRefused(`${name} declares sizes that disagree`);
      if (size > limits.entryBytes)
        throw new UnzipRefused(`${name} would inflate to ${mb(size)} (the limit is ${mb(limits.entryBytes)})`);
      if (size > RATIO_APPLIES_ABOVE && size / Math.max(compressedSize, 1) > limits.ratio) {
        throw new UnzipRefused(
          `${name} would inflate ${Math.round(size / Math.max(compressedSize, 1))} times (a zip bomb)`,
        );
      }
      total += size;
      if (total > limits.totalBytes) throw new UnzipRefused(`it would inflate to more than ${mb(limits.totalBytes)}`);
      names.add(entry.name);
      entries.push(entry);
    });
  } catch (error) {
    if (error instanceof UnzipRefused) throw error;
    throw new UnzipRefused('it is not a readable zip file');
  }
  return entries;
}

/**
 * Every file in the zip, by path. Refuses (UnzipRefused) a zip that is not one, declares
 * too much, or inflates to more than it declared; zlib stops inflating an entry the moment
 * it passes its declared size, so memory stays within the declared sizes.
 */
export function safeUnzip(bytes: Uint8Array, limits: UnzipLimits = UNZIP_LIMITS): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const entry of checkedDirectory(bytes, limits)) {
    const stored = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let data: Uint8Array;
    if (entry.method === 0) data = stored;
    else {
      try {
        data = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
      } catch (error) {
        const name = entry.name.slice(0, 80);
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw new UnzipRefused(`${name} inflates to more than the ${entry.size} bytes it declares (a zip bomb)`);
        throw new UnzipRefused(`${name} cannot be inflated (it is damaged)`);
      }
    }
    if (data.length !== entry.size)
      throw new UnzipRefused(`${entry.name.slice(0, 80)} is damaged (it does not hold what it declares)`);
    out[entry.name] = data;
  }
  return out;
}
