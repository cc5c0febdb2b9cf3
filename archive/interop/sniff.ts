// Tells text from binary by looking at the bytes, whatever the file is called: every format
// Dossier imports is text (HTML, Markdown, CSV, JSON), so an image, a zip or random bytes
// renamed .txt or .html is refused here, with a reason, before any importer parses it.

/** Bytes examined: enough to be sure, little enough to cost nothing on a large file. */
const SAMPLE_BYTES = 64 * 1024;
/** Text holds almost no C0 control bytes; binary holds about one in ten. */
const MAX_CONTROL_SHARE = 0.01;

/** Magic numbers of the binary files people are most likely to drop by mistake. */
const SIGNATURES: Array<{ what: string; bytes: number[]; at?: number }> = [
  { what: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { what: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { what: 'a WebP image', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 },
  { what: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { what: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { what: 'a BMP image', bytes: [0x42, 0x4d] },
  { what: 'an ICO image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { what: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { what: 'a zip archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'a zip archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { what: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { what: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { what: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { what: 'an SQLite database', bytes: [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat(0) },
  { what: 'a program', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'a program', bytes: [0x4d, 0x5a] },
  { what: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { what: 'an MP4 video', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { what: 'an MP3 file', bytes: [0x49, 0x44, 0x33] },
  { what: 'an Ogg file', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { what: 'a Word or Excel file', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

function hasUnicodeBom(bytes: Uint8Array): boolean {
  return (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
  );
}

/**
 * Why these bytes are not a text file Dossier could import ("it is a PNG image"), or null
 * when they look like text. UTF-16 text is recognised by its byte order mark.
 */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const sig of SIGNATURES) {
    if (!startsWith(bytes, sig.bytes, sig.at)) continue;
    // "BM", "MZ", "ID3", "GIF8"... may begin a text file too: such a sign counts only with control bytes beside it.
    const printable = sig.bytes.every((b) => b >= 0x20 && b < 0x7f) && sig.what !== 'a PDF document';
    if (!printable || isControlHeavy(bytes)) return `it is ${sig.what}, not a text file`;
  }
  if (bytes.length > 0 && !hasUnicodeBom(bytes)) {
    const sample = bytes.subarray(0, SAMPLE_BYTES);
    if (sample.every((b) => b === 0)) return 'it holds nothing but NUL bytes, not text';
    if (sample.includes(0)) return 'it holds NUL bytes: it is a binary file, not text';
    if (isControlHeavy(sample)) return 'it holds binary data, not text';
  }
  return null;
}

/** True when more than one byte in a hundred (and more than one) is a control character text never holds (tab, newlines, form feed and escape are allowed). */
function isControlHeavy(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) control++;
  }
  return control > 1 && control / sample.length > MAX_CONTROL_SHARE;
}
