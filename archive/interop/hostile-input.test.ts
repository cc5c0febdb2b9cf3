// Hostile files given to import, through the same path every host takes (dispatch →
// import.files → the parse worker): each is refused with one line naming why, or imported,
// and a refused one leaves the archive exactly as it was.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { tempArchive } from '../core/test-archive';
import type { Archive } from '../core/archive';
import { dispatch } from '../api/dispatch';
import { parseWebPage } from './web-page';
import { binaryReason } from './sniff';
import { htmlNestingDepth } from './html-depth';
import { MAX_NESTING_DEPTH } from './html-dom';

let archive: Archive;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => ({ archive, dir, cleanup } = await tempArchive({ seeded: false })));
afterAll(() => cleanup());

const PARAGRAPH =
  'The minister said on Tuesday that talks between the two countries would continue next week, after a summit that ended without agreement. ';

/** A page whose article sits `depth` elements deep. */
export function nestedPage(depth: number): string {
  return `<!doctype html><html><head><title>Deep</title></head><body><article><p>${PARAGRAPH.repeat(4)}</p>${'<div>'.repeat(depth)}<p>${PARAGRAPH}</p>${'</div>'.repeat(depth)}</article></body></html>`;
}

/** Imports one file as the app would; returns the reason it was refused, or null when it went in. */
async function importOne(name: string, bytes: Uint8Array): Promise<{ reason: string | null; imported: string[] }> {
  const before = structuredClone(archive.data);
  const files = (await readdir(`${dir}/content`)).sort();
  const outcome = await dispatch(archive, 'import.files', {
    files: [{ name, data: Buffer.from(bytes).toString('base64') }],
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { imported, skipped } = outcome.value;
  if (imported.length === 0) {
    expect(archive.data).toEqual(before);
    expect((await readdir(`${dir}/content`)).sort()).toEqual(files);
  }
  const reason = skipped[0]?.reason ?? null;
  if (reason !== null) {
    expect(reason).not.toContain('\n');
    expect(reason).not.toMatch(/call stack|at \w+ \(/);
  }
  return { reason, imported };
}

describe('hostile files given to import', () => {
  it('random bytes, whatever they are called, are refused as binary', async () => {
    const bytes = new Uint8Array(randomBytes(64 * 1024));
    for (const name of ['notes.txt', 'page.html', 'notes.md', 'list.csv', 'export.json']) {
      const { reason } = await importOne(name, bytes);
      expect(reason).toBe(`${name} cannot be imported: it holds NUL bytes: it is a binary file, not text`);
    }
    // Short random bytes may hold no NUL; their control bytes still give them away.
    const noNul = new Uint8Array(randomBytes(300)).map((b) => b || 1);
    expect((await importOne('short.txt', noNul)).reason).toBe(
      'short.txt cannot be imported: it holds binary data, not text',
    );
  });

  it('a file of NUL bytes', async () => {
    expect((await importOne('empty.txt', new Uint8Array(4096))).reason).toBe(
      'empty.txt cannot be imported: it holds nothing but NUL bytes, not text',
    );
  });

  it('images and archives named as text', async () => {
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      13,
      0x49,
      0x48,
      0x44,
      0x52,
      ...randomBytes(200),
    ]);
    expect((await importOne('photo.html', png)).reason).toBe(
      'photo.html cannot be imported: it is a PNG image, not a text file',
    );
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(200)]);
    expect((await importOne('photo.txt', jpeg)).reason).toBe(
      'photo.txt cannot be imported: it is a JPEG image, not a text file',
    );
    const zip = zipSync({ 'article.html': strToU8(`<html><body><p>${PARAGRAPH}</p></body></html>`) });
    expect((await importOne('article.txt', zip)).reason).toBe(
      'article.txt cannot be imported: it is a zip archive, not a text file',
    );
    expect((await importOne('article.html', zip)).reason).toBe(
      'article.html cannot be imported: it is a zip archive, not a text file',
    );
    const pdf = strToU8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << >> endobj\n');
    expect((await importOne('paper.txt', pdf)).reason).toBe(
      'paper.txt cannot be imported: it is a PDF document, not a text file',
    );
  });

  it('a page over the size limit is refused before it is parsed', async () => {
    const big = strToU8(
      `<!doctype html><html><body><article>${`<p>${PARAGRAPH.repeat(4)}</p>\n`.repeat(19_000)}</article></body></html>`,
    );
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const t0 = performance.now();
    const { reason } = await importOne('big.html', big);
    expect(reason).toBe('big.html is too large to import (10.1 MB; pages up to 5.0 MB are imported)');
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('HTML nested 5,000 deep is refused with a reason, not a stack overflow, and quickly', async () => {
    const t0 = performance.now();
    const { reason } = await importOne('deep.html', strToU8(nestedPage(5000)));
    expect(reason).toBe(`deep.html is nested too deeply to read (more than ${MAX_NESTING_DEPTH} levels of elements)`);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('HTML nested just under the limit is imported', async () => {
    const { reason, imported } = await importOne('fairly-deep.html', strToU8(nestedPage(MAX_NESTING_DEPTH - 10)));
    expect(reason).toBeNull();
    expect(imported).toHaveLength(1);
  });

  it('Markdown and JSON nested 100,000 deep get a reason, never a stack overflow', async () => {
    const md = `# Deep\n\n${'>'.repeat(100_000)} quoted\n`;
    const mdResult = await importOne('deep.md', strToU8(md));
    expect(mdResult.reason).toBe('deep.md is nested too deeply to read');
    const json = `{"roots":{"bookmark_bar":{"type":"folder","name":"Bar","children":[${'{"type":"folder","name":"f","children":['.repeat(100_000)}${']}'.repeat(100_000)}]}},"version":1}`;
    const jsonResult = await importOne('Bookmarks.json', strToU8(json));
    expect(jsonResult.reason).toBe('Bookmarks.json is nested too deeply to read (more than 256 levels)');
  });
});

describe('hostile pages fetched by address (import.url)', () => {
  let server: Server;
  let base = '';
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...randomBytes(300)]);
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (req.url === '/png') res.end(png);
      else if (req.url === '/huge') res.end(`<html><body>${'<p>x</p>'.repeat(800_000)}</body></html>`);
      else if (req.url === '/deep') res.end(nestedPage(5000));
      else
        res.end(
          `<!doctype html><html><head><title>Fine</title></head><body><article><p>${PARAGRAPH.repeat(4)}</p></article></body></html>`,
        );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  async function importUrl(path: string): Promise<string | null> {
    const before = structuredClone(archive.data);
    const outcome = await dispatch(archive, 'import.url', { url: `${base}${path}` }, { trusted: true });
    if (!outcome.ok) throw new Error(outcome.error.message);
    if (outcome.value.imported.length === 0) expect(archive.data).toEqual(before);
    return outcome.value.skipped[0]?.reason ?? null;
  }

  it('each gets one line, and a fine page still goes in', async () => {
    expect(await importUrl('/png')).toBe(`${base}/png is not a web page: it is a PNG image, not a text file`);
    expect(await importUrl('/huge')).toBe(`${base}/huge is too large to import (pages up to 5.0 MB are imported)`);
    expect(await importUrl('/deep')).toBe(
      `${base}/deep is nested too deeply to read (more than ${MAX_NESTING_DEPTH} levels of elements)`,
    );
    expect(await importUrl('/fine')).toBeNull();
  });
});

describe('content sniffing', () => {
  it('passes real text: UTF-8, Windows-1252, UTF-16 with its mark, and a few stray control bytes', () => {
    expect(binaryReason(strToU8('Plain text, café, 中国.\n'))).toBeNull();
    expect(binaryReason(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]))).toBeNull();
    expect(binaryReason(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]))).toBeNull();
    expect(binaryReason(strToU8(`${'A line of text.\n'.repeat(50)}\u0001`))).toBeNull();
    expect(binaryReason(strToU8('BMW and MZ are letters; ID3 too.'))).toBeNull();
    expect(binaryReason(new Uint8Array(0))).toBeNull();
    expect(binaryReason(deflateRawSync(strToU8(PARAGRAPH.repeat(100))))).not.toBeNull();
  });
});

describe('HTML nesting depth', () => {
  it('counts what a browser would nest, not siblings with optional end tags or self-closed SVG', () => {
    expect(htmlNestingDepth('<div><div><span>x</span></div></div>')).toBe(3);
    expect(htmlNestingDepth(`<ul>${'<li>item'.repeat(5000)}</ul>`)).toBe(1);
    expect(htmlNestingDepth(`<div>${'<p>para'.repeat(5000)}</div>`)).toBe(1);
    expect(htmlNestingDepth(`<svg>${'<path d="M0"/>'.repeat(5000)}</svg>`)).toBe(1);
    expect(htmlNestingDepth(`<script>${'<div>'.repeat(5000)}</script><div></div>`)).toBe(1);
    expect(htmlNestingDepth(`<!-- ${'<div>'.repeat(5000)} --><b>x</b>`)).toBe(1);
    expect(htmlNestingDepth(`${'<div/>'.repeat(300)}`)).toBe(300);
    expect(htmlNestingDepth(`${'<div>'.repeat(5000)}`, 256)).toBe(257);
    expect(htmlNestingDepth('<div><b><i></b></i></div>')).toBe(3);
  });
});

describe('jsdom', () => {
  it('prints nothing for modern CSS it cannot parse', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const css =
        '@layer base { a { color: red; &:hover { color: blue } } } @container (min-width: 1px) { p { color: light-dark(red, blue) } } :has(> img) { margin: 0 }';
      const html = `<!doctype html><html><head><title>Styled</title><style>${css}</style></head><body><article style="${'color: oklch(0.5 0.1 200)'}"><p>${PARAGRAPH.repeat(3)}</p></article></body></html>`;
      const draft = parseWebPage(strToU8(html), { name: 'styled.html' });
      expect(draft.text).toContain('The minister said');
      expect(error).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
      warn.mockRestore();
      stderr.mockRestore();
    }
  });
});
