// Decodes text bytes before parsing. A byte order mark wins; then bytes that are valid
// UTF-8 (and not plain ASCII) are UTF-8, whatever a page declares, since saved pages often
// keep a stale <meta charset> after being re-encoded; then, for HTML, the HTTP
// Content-Type charset and a <meta charset> or http-equiv in the first 4 KB; else windows-1252.

export interface Decoded {
  text: string;
  /** The WHATWG encoding name used, e.g. 'utf-8', 'windows-1252', 'shift_jis'. */
  charset: string;
}

/** The charset parameter of a Content-Type value, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return m ? m[1] : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset a page declares in its markup, read from the first 4 KB as ASCII. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return null;
}

function decoderFor(label: string | null): TextDecoder | null {
  if (label === null) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null; // an unknown label: fall through to the next source of truth
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

/** The bytes as UTF-8 when they are valid UTF-8, else null. */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// Windows-1252's printable characters at 0x80–0x9F (the rest of the byte range is
// Latin-1). Written out because Node's TextDecoder reads 'windows-1252' as plain Latin-1.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(
      ...Array.from(bytes.subarray(i, i + 8192), (b) =>
        b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
      ),
    );
  }
  return out;
}

/**
 * A text file (.txt, .md) with no markup to declare its charset: a BOM, else UTF-8 when
 * the bytes are valid UTF-8, else windows-1252 (what Windows editors save as "ANSI").
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const bom = bomCharset(bytes);
  if (bom !== null) {
    const d = new TextDecoder(bom);
    return { text: d.decode(bytes), charset: d.encoding };
  }
  const utf8 = strictUtf8(bytes);
  return utf8 !== null ? { text: utf8, charset: 'utf-8' } : { text: decodeWindows1252(bytes), charset: 'windows-1252' };
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = bomCharset(bytes);
  if (bom !== null) {
    const d = new TextDecoder(bom); // strips the BOM itself
    return { text: d.decode(bytes), charset: d.encoding };
  }
  // Non-ASCII bytes that are valid UTF-8 are UTF-8: a page declaring gb2312 or latin-1
  // almost never happens to be valid UTF-8 by chance. Pure ASCII follows the declaration
  // (ISO-2022-JP, for one, is written in 7-bit bytes).
  if (!isAscii(bytes)) {
    const utf8 = strictUtf8(bytes);
    if (utf8 !== null) return { text: utf8, charset: 'utf-8' };
  }
  // A page that says UTF-16 in ASCII markup is not UTF-16; browsers treat that as UTF-8.
  const declared = [charsetFromContentType(contentType), sniffMetaCharset(bytes)].map((l) =>
    l !== null && /^utf-?16/i.test(l.trim()) ? 'utf-8' : l,
  );
  for (const label of declared) {
    const d = decoderFor(label);
    if (d === null) continue;
    // Every Latin-1 label means windows-1252 in a browser (WHATWG Encoding).
    return d.encoding === 'windows-1252'
      ? { text: decodeWindows1252(bytes), charset: d.encoding }
      : { text: d.decode(bytes), charset: d.encoding };
  }
  return decodeText(bytes);
}
