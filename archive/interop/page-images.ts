// Keeps an article's pictures with it. Given an extracted article's HTML, finds each image
// (src, srcset's largest candidate, lazy-loading attributes), and gets its bytes: data: URIs
// stay inline, a remote image is fetched (when the import came from the network), a local
// one is read from the page's own folder ("Page_files/"). Each stored image is checked to
// be an image by its first bytes and capped in size; the <img> then names the stored file
// (data-dossier-asset) and keeps its original address (data-original-src). An image that
// could not be had keeps its address and says why (data-missing), for a quiet placeholder.
// The article's text never changes, so highlight offsets stay valid.

import { createHash } from 'node:crypto';

export { ASSET_NAME } from '../core/model';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_PAGE_IMAGE_BYTES = 40 * 1024 * 1024;
export const MAX_IMAGES = 100;

export interface ImageSource {
  /** Fetches a remote image; null when it cannot be had. */
  fetch?: (url: string) => Promise<Uint8Array | null>;
  /** Reads an image the page names by a relative path from the page's folder; null when absent. */
  readLocal?: (relativePath: string) => Promise<Uint8Array | null>;
}

export interface StoredImage {
  name: string;
  bytes: Uint8Array;
  /** Where it came from: an address, or a path beside the page. */
  from: string;
}

export interface PageImages {
  html: string;
  images: StoredImage[];
  missing: number;
}

const MIME_EXT: Array<[RegExp, string]> = [
  [/^\x89PNG\r\n\x1a\n/, 'png'],
  [/^\xff\xd8\xff/, 'jpg'],
  [/^GIF8[79]a/, 'gif'],
  [/^RIFF....WEBP/s, 'webp'],
  [/^....ftyp(avif|avis)/s, 'avif'],
];

/** The extension an image's first bytes say it is, or null when they are not an image. */
export function sniffImage(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  for (const [pattern, ext] of MIME_EXT) if (pattern.test(head)) return ext;
  const text = Buffer.from(bytes.subarray(0, 512))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'svg';
  return null;
}

export const ASSET_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

const IMG_TAG = /<img\b[^>]*>/gi;
const ATTR = /([^\s"'=<>/]+)(?:\s*=\s*"([^"]*)")?/g;

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const inner = tag.replace(/^<img\b/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(ATTR)) out.set(m[1].toLowerCase(), decode(m[2] ?? ''));
  return out;
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function encode(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The best candidate of a srcset: the widest (w) or densest (x) one. */
export function bestOfSrcset(srcset: string): string | null {
  let best: { url: string; score: number } | null = null;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, size = '1x'] = part.trim().split(/\s+/);
    if (!url) continue;
    const n = parseFloat(size);
    const score = /w$/i.test(size) ? n : /x$/i.test(size) ? n * 1000 : 0;
    if (!best || score > best.score) best = { url, score };
  }
  return best?.url ?? null;
}

function resolve(src: string, base: string | null): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || !base) return src;
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}

/** Rewrites `html`'s images as the header says; never throws for one bad image. */
export async function collectImages(html: string, base: string | null, source: ImageSource): Promise<PageImages> {
  const tags = [...html.matchAll(IMG_TAG)];
  if (tags.length === 0) return { html, images: [], missing: 0 };
  const images = new Map<string, StoredImage>();
  let total = 0;
  let missing = 0;
  const replacements: string[] = [];
  for (const [i, match] of tags.entries()) {
    const attrs = attributes(match[0]);
    const raw =
      attrs.get('data-src') ||
      attrs.get('data-lazy-src') ||
      attrs.get('data-original') ||
      (attrs.get('srcset') && bestOfSrcset(attrs.get('srcset')!)) ||
      attrs.get('src') ||
      '';
    const alt = attrs.get('alt') ?? '';
    const keep = (extra: string) => `<img${alt ? ` alt="${encode(alt)}"` : ''}${extra}>`;
    if (raw.startsWith('data:')) {
      replacements.push(
        raw.length <= MAX_IMAGE_BYTES * 1.4 && /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(raw)
          ? keep(` src="${encode(raw)}"`)
          : keep(' data-missing="an inline image Dossier does not keep"'),
      );
      continue;
    }
    const address = resolve(raw, base);
    const why = (reason: string) => {
      missing += 1;
      return keep(`${address ? ` data-original-src="${encode(address)}"` : ''} data-missing="${encode(reason)}"`);
    };
    if (!raw) {
      replacements.push(why('no address'));
      continue;
    }
    if (i >= MAX_IMAGES) {
      replacements.push(why(`more than ${MAX_IMAGES} images on the page`));
      continue;
    }
    let bytes: Uint8Array | null = null;
    try {
      if (/^https?:/i.test(address)) bytes = source.fetch ? await source.fetch(address) : null;
      else if (!/^[a-z][a-z0-9+.-]*:/i.test(raw) && source.readLocal)
        bytes = await source.readLocal(decodeURIComponent(raw.split(/[?#]/)[0]));
    } catch {
      bytes = null;
    }
    if (!bytes) {
      replacements.push(
        why(/^https?:/i.test(address) && !source.fetch ? 'saved from a file, not from the web' : 'it could not be had'),
      );
      continue;
    }
    const ext = sniffImage(bytes);
    if (!ext) {
      replacements.push(why('not an image'));
      continue;
    }
    if (bytes.length > MAX_IMAGE_BYTES || total + bytes.length > MAX_PAGE_IMAGE_BYTES) {
      replacements.push(why('too large to keep'));
      continue;
    }
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${ext}`;
    if (!images.has(name)) {
      images.set(name, { name, bytes, from: address });
      total += bytes.length;
    }
    replacements.push(keep(` data-dossier-asset="${name}" data-original-src="${encode(address)}"`));
  }
  let n = 0;
  return { html: html.replace(IMG_TAG, () => replacements[n++]), images: [...images.values()], missing };
}

/** Fetches images over the network: http(s) only, a deadline, a size cap, and an image type. */
export function webImageFetcher(
  options: { timeoutMs?: number; fetch?: typeof globalThis.fetch } = {},
): (url: string) => Promise<Uint8Array | null> {
  const doFetch = options.fetch ?? globalThis.fetch;
  return async (url) => {
    if (!/^https?:\/\//i.test(url)) return null;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15_000);
    try {
      const response = await doFetch(url, {
        signal: controller.signal,
        redirect: 'follow',
        headers: { accept: 'image/*' },
      });
      if (!response.ok || !response.body) return null;
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > MAX_IMAGE_BYTES) return null;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > MAX_IMAGE_BYTES) {
          controller.abort();
          return null;
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Reads images a saved page names by relative path, from its own folder and never outside it. */
export function localImageReader(pageFile: string): (relativePath: string) => Promise<Uint8Array | null> {
  return async (relativePath) => {
    const { promises: fs } = await import('node:fs');
    const path = await import('node:path');
    const root = path.dirname(path.resolve(pageFile));
    const target = path.resolve(root, relativePath);
    if (!target.startsWith(root + path.sep)) return null;
    const stat = await fs.stat(target).catch(() => null);
    if (!stat?.isFile() || stat.size > MAX_IMAGE_BYTES) return null;
    return fs.readFile(target);
  };
}
