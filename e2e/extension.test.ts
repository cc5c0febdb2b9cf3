// The browser extension as built by `npm run build`, loaded into Debian's Chromium (a
// persistent context with --load-extension), saving a page from a local test server through
// its popup to `dossier serve --clipper-port 0`: the page's script-built paragraph and its
// image arrive, the selected passage becomes a highlight, the popup's tags are kept; saving
// again adds nothing; a web page with a made-up token is refused. Measures the time from
// the click to the item being searchable, and writes screenshots under test-results/.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_ARGS, ROOT, buildRendererIfStale, chromiumOrSkip } from './harness';

// The extension's own API, inside its service worker (evaluated there, typed loosely here).
declare const chrome: any;

const executable = chromiumOrSkip({ quiet: true });
const RESULTS = path.join(ROOT, 'test-results');
const SCRIPT_PARAGRAPH =
  'A paragraph built by the page’s own script: the pumping stations along the eastern canal ran through the night to keep the old town dry.';
const SELECTED = 'pumping stations along the eastern canal';

/** A 48×32 PNG (two colours), so the page has a real image to load. */
function png(): Buffer {
  const w = 48;
  const h = 32;
  const raw = Buffer.alloc(h * (w * 3 + 1));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) raw.set(y < h / 2 ? [40, 90, 140] : [200, 170, 90], y * (w * 3 + 1) + 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Canal town stays dry as the river peaks – Test Gazette</title>
<meta property="og:title" content="Canal town stays dry as the river peaks"></head><body>
<header><nav><a href="/">Home</a> · <a href="/weather">Weather</a></nav></header>
<main><article><h1>Canal town stays dry as the river peaks</h1>
<p>The river reached its highest level in twenty years on Sunday evening, but the embankments raised after the last flood held along the whole length of the old town.</p>
<figure><img src="/quay.png" alt="The quay at dusk" width="48" height="32"><figcaption>The quay at dusk.</figcaption></figure>
<p>Residents who had moved their furniture upstairs began carrying it back down on Monday morning, and the ferry resumed its crossings before noon.</p>
<div id="late"></div>
<p>The regional authority said it would publish a full account of the night’s operations within a month, including the cost of the pumping.</p>
</article></main>
<script>document.getElementById('late').innerHTML = '<p>${SCRIPT_PARAGRAPH}</p>';</script>
</body></html>`;

const SECOND = `<!doctype html><html lang="en"><head><title>Ferry timetable changes for the winter</title></head><body><article>
<h1>Ferry timetable changes for the winter</h1>
<p>From the first of December the ferry between the two banks will run every forty minutes instead of every half hour, the operator said on Friday.</p>
<p>The last crossing of the evening moves to ten o’clock, and the early boat for market days keeps its place in the timetable.</p>
</article></body></html>`;

/** A page elsewhere trying to use the listener with a token it made up. */
const FORGER = (port: number) => `<!doctype html><html><body><script>
window.attempts = (async () => {
  const page = { url: 'https://forged.example/x', title: 'Forged', html: '<p>forged</p>' };
  const out = [];
  for (const init of [
    { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ${'F'.repeat(43)}' }, body: JSON.stringify(page) },
    { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(page) },
  ]) {
    try { const r = await fetch('http://127.0.0.1:${port}/api/import.page', init); out.push(r.type === 'opaque' ? 'opaque' : r.status); }
    catch (e) { out.push('blocked'); }
  }
  return out;
})();
</script></body></html>`;

interface Serve {
  child: ChildProcess;
  appUrl: string;
  token: string;
  clipperPort: number;
  lines: string[];
}

async function startServeWithClipper(archive: string): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'dossier.mjs'), 'serve', '--archive', archive, '--port', '0', '--clipper-port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  let buffered = '';
  child.stdout?.on('data', (c: Buffer) => {
    buffered += c.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
  const deadline = Date.now() + 60_000;
  while (!lines.some((l) => l.startsWith('Browser extension pairing code:'))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`dossier serve did not start the extension listener; stderr:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const app = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=([A-Za-z0-9_-]+))$/.exec(lines[0]);
  const listening = lines.map((l) => /^Browser extension: listening on 127\.0\.0\.1:(\d+)$/.exec(l)).find(Boolean);
  if (!app || !listening) throw new Error(`unexpected output from dossier serve:\n${lines.join('\n')}`);
  return { child, appUrl: app[1], token: app[2], clipperPort: Number(listening[1]), lines };
}

function buildExtension(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'build-extension.mjs')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build-extension exited with ${code}`))));
  });
}

describe.skipIf(!executable)('the Save to Dossier extension in Chromium', () => {
  let archive: string;
  let profile: string;
  let serve: Serve;
  let pages: http.Server;
  let pagesOrigin: string;
  let context: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  let articlePage: Page;
  let popup: Page;
  let savedId: string;
  const articleUrl = () => `${pagesOrigin}/news/canal-town.html`;

  /** A contract call on the serve host, as the app's own page makes it. */
  async function api<T = any>(method: string, args: unknown): Promise<T> {
    const origin = new URL(serve.appUrl).origin;
    const res = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-dossier-token': serve.token },
      body: JSON.stringify(args),
    });
    const outcome = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!outcome.ok) throw new Error(outcome.error?.message);
    return outcome.value;
  }

  async function openPopup(): Promise<Page> {
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, articleUrl());
    expect(tabId).toBeTypeOf('number');
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 400 });
    await page.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    await Promise.all([buildExtension(), buildRendererIfStale()]);
    archive = mkdtempSync(path.join(os.tmpdir(), 'dossier-ext-'));
    profile = mkdtempSync(path.join(os.tmpdir(), 'dossier-ext-profile-'));
    serve = await startServeWithClipper(archive);
    const image = png();
    pages = http.createServer((req, res) => {
      if (req.url === '/quay.png')
        return void res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=600' }).end(image);
      if (req.url === '/news/canal-town.html')
        return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(ARTICLE);
      if (req.url === '/news/second.html')
        return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(SECOND);
      if (req.url === '/forger.html')
        return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(FORGER(serve.clipperPort));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
    pagesOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    const ext = path.join(ROOT, 'out', 'extension');
    context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: executable as string,
      viewport: { width: 1400, height: 900 },
      args: [
        ...CHROMIUM_ARGS.filter((a) => a !== '--headless'),
        `--disable-extensions-except=${ext}`,
        `--load-extension=${ext}`,
      ],
    });
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(worker.url()).host;
    articlePage = context.pages()[0] ?? (await context.newPage());
    await articlePage.goto(articleUrl());
    await articlePage.getByText(SCRIPT_PARAGRAPH).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => pages?.close(r));
    if (serve) {
      serve.child.kill('SIGTERM');
      await new Promise((r) => serve.child.once('exit', r));
    }
    for (const dir of [archive, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('pairs with the code dossier serve prints', async () => {
    popup = await openPopup();
    await popup.getByRole('textbox', { name: 'Code' }).waitFor();
    const code = serve.lines
      .filter((l) => l.startsWith('Browser extension pairing code:'))
      .at(-1)!
      .split(': ')[1];
    await popup.getByRole('spinbutton', { name: 'Port' }).fill(String(serve.clipperPort));
    await popup.getByRole('textbox', { name: 'Code' }).fill('000 001' === code ? '000 002' : '000 001');
    await popup.getByRole('button', { name: 'Pair' }).click();
    await expect.poll(() => popup.locator('#message').textContent()).toMatch(/wrong or has expired/);
    await popup.getByRole('textbox', { name: 'Code' }).fill(code);
    await popup.getByRole('button', { name: 'Pair' }).click();
    await popup.getByRole('button', { name: 'Save page' }).waitFor();
    expect(await worker.evaluate(async () => Boolean((await chrome.storage.local.get('token')).token))).toBe(true);
  });

  it('saves the page as rendered, with its image, the selection as a highlight and the popup’s tags; searchable within a second', async () => {
    // The reader selects a passage of the paragraph the page's script wrote.
    await articlePage.evaluate((quote) => {
      const p = Array.from(document.querySelectorAll('p')).find((el) => el.textContent!.includes(quote))!;
      const node = p.firstChild!;
      const start = node.textContent!.indexOf(quote);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + quote.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, SELECTED);
    const before = (await api<{ total: number }>('items.list', {})).total;
    await popup.getByRole('textbox', { name: 'Tags' }).fill('floods, canals');
    await popup.screenshot({ path: path.join(RESULTS, 'extension-popup.png') });

    const clicked = performance.now();
    await popup.getByRole('button', { name: 'Save page' }).click();
    let searchableMs: number;
    for (;;) {
      const hits = (await api<{ hits: Array<{ id: string }> }>('search.query', { q: 'pumping stations canal' })).hits;
      if (hits.length > 0) {
        searchableMs = performance.now() - clicked;
        savedId = hits[0].id;
        break;
      }
      if (performance.now() - clicked > 15_000) throw new Error('the saved page never became searchable');
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(`extension: click to searchable ${searchableMs.toFixed(0)} ms`);
    expect(searchableMs).toBeLessThan(2_000); // the goal is ≤ 1 s (printed above); 2 s leaves room for a busy CI machine

    await expect
      .poll(() => popup.locator('#saved-title').textContent())
      .toBe('Canal town stays dry as the river peaks');
    expect(await popup.locator('#saved-label').textContent()).toBe('Saved');
    expect(await popup.locator('#message').textContent()).toMatch(/passage is highlighted/);
    expect((await api<{ total: number }>('items.list', {})).total).toBe(before + 1);

    const item = await api<{ title: string; url: string; tags: string[]; highlights: Array<{ quote: string }> }>(
      'items.get',
      { id: savedId },
    );
    expect(item.url).toBe(articleUrl());
    expect(item.tags.sort()).toEqual(['canals', 'floods']);
    expect(item.highlights.map((h) => h.quote)).toEqual([SELECTED]);
    const content = await api<{ html: string; text: string }>('items.content', { id: savedId });
    expect(content.text).toContain(SCRIPT_PARAGRAPH);
    expect(content.text).toContain('the embankments raised after the last flood held');
    expect(content.text).not.toContain('Weather'); // the page's navigation is not the article
    const img = /<img[^>]*src="(data:image\/png;base64,[^"]+)"/.exec(content.html);
    expect(img, 'the image is stored in the item').not.toBeNull();
    expect(Buffer.from(img![1].split(',')[1], 'base64').equals(png())).toBe(true);

    // More tags from the popup after saving.
    await popup.getByRole('textbox', { name: 'Add tags' }).fill('weekend reading');
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => popup.locator('#saved-tags').textContent()).toMatch(/weekend reading/);
    expect((await api<{ tags: string[] }>('items.get', { id: savedId })).tags.sort()).toEqual([
      'canals',
      'floods',
      'weekend reading',
    ]);
    await popup.screenshot({ path: path.join(RESULTS, 'extension-popup-saved.png') });
    // Open in Dossier: under `dossier serve`, the app in a new tab.
    const opened = context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Open in Dossier' }).click();
    const app = await opened;
    await app.waitForLoadState();
    expect(app.url().startsWith(new URL(serve.appUrl).origin)).toBe(true);
    await app.close();
    if (!popup.isClosed()) await popup.close();
  });

  it('saving the same page again creates no duplicate', async () => {
    const before = (await api<{ total: number }>('items.list', {})).total;
    popup = await openPopup();
    await popup.getByRole('button', { name: 'Save page' }).click();
    await expect.poll(() => popup.locator('#saved-label').textContent()).toBe('Already in Dossier');
    expect((await api<{ total: number }>('items.list', {})).total).toBe(before);
    expect((await api<{ highlights: unknown[] }>('items.get', { id: savedId })).highlights).toHaveLength(1);
    await popup.close();
  });

  it('refuses a web page that calls the listener with a made-up token', async () => {
    const before = (await api<{ total: number }>('items.list', {})).total;
    const forger = await context.newPage();
    await forger.goto(`${pagesOrigin}/forger.html`);
    const attempts = await forger.evaluate(() => (window as unknown as { attempts: Promise<unknown[]> }).attempts);
    // The preflight is refused (so the fetch fails); the no-cors one gets nothing readable.
    expect(attempts).toEqual(['blocked', 'opaque']);
    expect((await api<{ total: number }>('items.list', {})).total).toBe(before);
    expect((await api<{ hits: unknown[] }>('search.query', { q: 'forged' })).hits).toHaveLength(0);
    await forger.close();
  });

  it('shows the saved page with its highlight in Dossier', async () => {
    const page = await context.newPage();
    await page.goto(serve.appUrl);
    await page.getByRole('searchbox', { name: 'Search the archive' }).fill('pumping stations');
    await page
      .getByRole('list', { name: 'Results' })
      .getByRole('button', { name: /Canal town stays dry/ })
      .first()
      .click();
    const article = page.getByRole('article');
    await article.locator('.article-body[data-ready="true"]').waitFor();
    await expect.poll(() => article.locator('mark.highlight').allTextContents()).toContain(SELECTED);
    const shown = await article.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(shown).toBe(48);
    await page.screenshot({ path: path.join(RESULTS, 'extension-saved-page.png') });
    await page.close();
  });

  it('turns off from the app’s Browser extension setting; the popup then says Dossier is not running, and nothing is half saved', async () => {
    const page = await context.newPage();
    await page.goto(serve.appUrl);
    await page.getByRole('button', { name: 'Browser extension' }).click();
    const dialog = page.getByRole('dialog', { name: 'Browser extension' });
    const toggle = dialog.getByRole('checkbox', { name: /Let the Save to Dossier extension/ });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    const lastCode = serve.lines
      .filter((l) => l.startsWith('Browser extension pairing code:'))
      .at(-1)!
      .split(': ')[1];
    await expect.poll(() => dialog.getByLabel('Pairing code').locator('strong').textContent()).toBe(lastCode);
    await page.screenshot({ path: path.join(RESULTS, 'extension-setting.png') });
    await toggle.click(); // a controlled checkbox: it changes once Dossier answers
    await expect.poll(() => toggle.isChecked()).toBe(false);

    const before = (await api<{ total: number }>('items.list', {})).total;
    popup = await openPopup();
    await expect.poll(() => popup.locator('#message').textContent()).toMatch(/^Dossier is not running/);
    expect(await popup.getByRole('button', { name: 'Save page' }).isVisible()).toBe(false);
    expect((await api<{ total: number }>('items.list', {})).total).toBe(before);
    await popup.close();

    await toggle.click(); // on again, on the same port: the paired extension works again
    await expect.poll(() => toggle.isChecked()).toBe(true);
    popup = await openPopup();
    await popup.getByRole('button', { name: 'Save page' }).waitFor();
    await popup.close();
    await page.close();
  });

  it('saves all tabs of the window with progress, without duplicating the one already saved', async () => {
    const second = await context.newPage();
    await second.goto(`${pagesOrigin}/news/second.html`);
    const before = (await api<{ total: number }>('items.list', {})).total;
    popup = await openPopup();
    await popup.getByRole('button', { name: 'Save all tabs in this window' }).click();
    await expect
      .poll(() => popup.locator('#message').textContent(), { timeout: 20_000 })
      .toMatch(/^Saved \d+ of \d+ tabs\./);
    const message = (await popup.locator('#message').textContent()) ?? '';
    expect(message).toMatch(/^Saved 2 of 2 tabs\.$/);
    expect(await popup.locator('#progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([2, 2]);
    expect((await api<{ total: number }>('items.list', {})).total).toBe(before + 1);
    expect(
      (await api<{ hits: Array<{ title: string }> }>('search.query', { q: 'forty minutes' })).hits.map((h) => h.title),
    ).toEqual(['Ferry timetable changes for the winter']);
    await popup.close();
    await second.close();
  });
});
