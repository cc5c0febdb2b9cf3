import { describe, it, expect, afterEach } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  collectImages,
  sniffImage,
  bestOfSrcset,
  localImageReader,
  webImageFetcher,
  MAX_IMAGE_BYTES,
} from './page-images';
import { ASSET_NAME } from '../core/model';

// The smallest real PNG (1×1) and GIF, as their bytes.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('keeping an article’s images', () => {
  it('recognises images by their first bytes, not their names', () => {
    expect(sniffImage(PNG)).toBe('png');
    expect(sniffImage(GIF)).toBe('gif');
    expect(sniffImage(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImage(Buffer.from('<html><body>not an image</body></html>'))).toBeNull();
    expect(sniffImage(Buffer.alloc(64))).toBeNull();
  });

  it('picks the largest srcset candidate', () => {
    expect(bestOfSrcset('a.jpg 320w, b.jpg 1024w, c.jpg 640w')).toBe('b.jpg');
    expect(bestOfSrcset('a.jpg 1x, b.jpg 2x')).toBe('b.jpg');
  });

  it('stores images from the page’s folder, keeps data: URIs, and marks the rest for a placeholder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-images-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(path.join(dir, 'Page_files'));
    await writeFile(path.join(dir, 'Page_files', 'photo one.png'), PNG);
    await writeFile(path.join(dir, 'Page_files', 'fake.jpg'), '<html>not a picture</html>');
    await writeFile(path.join(dir, 'secret.png'), PNG);
    const html = [
      '<p>Before</p>',
      '<img src="Page_files/photo%20one.png" alt="The harbour at dawn">',
      `<img src="data:image/gif;base64,${GIF.toString('base64')}" alt="inline">`,
      '<img src="Page_files/fake.jpg" alt="fake">',
      '<img src="../secret.png" alt="outside">',
      '<img src="https://images.example/remote.jpg" alt="remote">',
      '<p>After</p>',
    ].join('');
    const page = path.join(dir, 'Page.html');
    const kept = await collectImages(html, null, { readLocal: localImageReader(page) });
    expect(kept.images).toHaveLength(1);
    expect(kept.images[0].name).toMatch(ASSET_NAME);
    expect(Buffer.from(kept.images[0].bytes)).toEqual(PNG);
    expect(kept.html).toContain(`data-dossier-asset="${kept.images[0].name}"`);
    expect(kept.html).toContain('src="data:image/gif;base64,');
    expect(kept.missing).toBe(3);
    expect(kept.html.match(/data-missing="[^"]+"/g)).toEqual([
      'data-missing="not an image"',
      'data-missing="it could not be had"',
      'data-missing="saved from a file, not from the web"',
    ]);
    expect(kept.html.startsWith('<p>Before</p>') && kept.html.endsWith('<p>After</p>')).toBe(true);
  });

  it('fetches remote images with a size cap, and resolves addresses against the page', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/img/a.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      else if (req.url === '/huge.png')
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)]));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/story.html`;
    const html =
      '<img srcset="/img/a.png 800w, /small.png 200w" src="/small.png"><img src="/huge.png"><img src="/nothing.png">';
    const kept = await collectImages(html, base, { fetch: webImageFetcher({ timeoutMs: 5_000 }) });
    expect(kept.images.map((i) => i.from)).toEqual([new URL('/img/a.png', base).href]);
    expect(kept.missing).toBe(2);
  });
});
