// Articles kept whole: a page imported by its address keeps its images in the archive, and
// the reader shows them from there with every other origin blocked; an image that could not
// be had is a placeholder in the text that says so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import {
  ROOT,
  apiValue,
  buildRendererIfStale,
  chromiumOrSkip,
  launchBrowser,
  removeArchive,
  startServe,
  type Served,
} from './harness';

const executable = chromiumOrSkip({ quiet: true });
const PNG_RED = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAgCAIAAAAt/+nTAAAATUlEQVR4nO3PQQkAMAzAwGqpfykTNRF7HINABFzm7H7dcEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBY9dar2AeSwUg1gAAAAASUVORK5CYII=',
  'base64',
);

describe.skipIf(!executable)('articles kept whole, with their images', () => {
  let served: Served;
  let browser: Browser;
  let site: http.Server;
  let base = '';

  beforeAll(async () => {
    site = http.createServer((req, res) => {
      if (req.url === '/photo.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_RED);
      if (req.url === '/story.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><html lang="en"><head><title>Harbour cranes return</title></head><body><article>
          <h1>Harbour cranes return</h1>
          <p>The old harbour cranes are back in service after a long restoration, the port authority said on Monday.</p>
          <figure><img src="/photo.png" alt="A red crane against the sky" width="64" height="32"></figure>
          <p>Engineers replaced the gears and the cables, and repainted every crane in its original colour.</p>
          <img src="/gone.png" alt="A crane that was not saved">
          <p>The first ship was unloaded with them on Tuesday, to applause from the quay and the crews of two tugs.</p>
          </article></body></html>`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    await buildRendererIfStale();
    served = await startServe();
    browser = await launchBrowser(executable as string);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (served) removeArchive(served.archive);
    await new Promise((r) => site?.close(r));
  });

  it('shows a saved page’s images from the archive with the network blocked', async () => {
    const [id] = (await apiValue(served, 'import.url', { url: `${base}/story.html` })).imported;
    // The page's own server goes away: what the reader shows comes from the archive alone.
    await new Promise((r) => site.close(r));

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(served.origin)) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    await page.goto(served.url);
    await page.getByRole('searchbox').fill('harbour cranes');
    await page.getByText('Harbour cranes return').first().click();
    const img = page.locator('.article-body img[data-dossier-asset]');
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 10_000 })
      .toBe(64);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    expect(await img.getAttribute('alt')).toBe('A red crane against the sky');
    const missing = page.locator('.article-body .image-missing');
    await expect.poll(() => missing.textContent()).toBe('Image not saved: A crane that was not saved');
    expect(elsewhere).toEqual([]);
    await page
      .locator('.article-body')
      .screenshot({ path: path.join(ROOT, 'test-results', 'article-with-images.png') });
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    await context.close();
  });
});
