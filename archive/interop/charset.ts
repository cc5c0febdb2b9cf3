// Decodes an HTML page's bytes the way a browser would before parsing: a byte order mark
// wins, then the HTTP Content-Type charset, then a <meta charset> or http-equiv
// Content-Type in the first 4 KB, else UTF-8 (or windows-1252 when the bytes are not UTF-8).

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

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = bomCharset(bytes);
  if (bom !== null) {
    const d = new TextDecoder(bom); // strips the BOM itself
    return { text: d.decode(bytes), charset: d.encoding };
  }
  // A page that says UTF-16 in ASCII markup is not UTF-16; browsers treat that as UTF-8.
  const declared = [charsetFromContentType(contentType), sniffMetaCharset(bytes)].map((l) =>
    l !== null && /^utf-?16/i.test(l.trim()) ? 'utf-8' : l,
  );
  for (const label of declared) {
    const d = decoderFor(label);
    if (d !== null) return { text: d.decode(bytes), charset: d.encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252' };
  }
}
