// The small things a new user trips over: after an import the highlighted row is still
// the open item; the import summary goes away and never covers the Related panel; "Add web
// page…" opens and selects the new item; a whole result row opens it; import messages
// say what happened; tag colours show on rows and chips; preferences outlive a restart of
// `dossier serve` on another port; a page without its token says so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  buildRendererIfStale,
  chromiumOrSkip,
  launchBrowser,
  openPage,
  removeArchive,
  SEED_TITLE,
  screenshot,
  startServe,
  type Served,
} from './harness';

const executable = chromiumOrSkip({ quiet: true });
const ARTICLE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour pilots approve the new tugboats</title></head><body><article><h1>Harbour pilots approve the new tugboats</h1>
${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}: the harbour pilots tested the two new tugboats through a week of spring tides, towing container ships into the inner basin and reporting that the boats answered quickly in crosswinds.</p>`).join('\n')}
</article></body></html>`;

function textFile(name: string, title: string, words: string) {
  return { name, mimeType: 'text/plain', buffer: Buffer.from(`${title}\n\n${words}\n`) };
}

describe.skipIf(!executable)('rough edges', () => {
  let served: Served;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let site: Server;
  let siteUrl: string;
  const results = () => page.getByRole('list', { name: 'Results' });
  const title = () => page.getByRole('article').getByRole('heading', { level: 1 });
  const status = () => page.getByRole('status', { name: 'Import' });

  beforeAll(async () => {
    await buildRendererIfStale();
    site = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE_PAGE);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/tugboats.html`;
    served = await startServe();
    browser = await launchBrowser(executable as string);
    ({ context, page } = await openPage(browser, { viewport: { width: 1440, height: 900 } }));
    await page.goto(served.url);
    await page.locator('.article-body[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (served) removeArchive(served.archive);
    await new Promise((resolve) => site?.close(resolve));
  });

  it('opens an item from anywhere on its row, not only its title', async () => {
    const row = results().locator('.result').filter({ hasText: 'Welcome to Dossier' });
    const snippet = await row.locator('.result-snippet').boundingBox();
    await page.mouse.click(snippet!.x + snippet!.width - 20, snippet!.y + snippet!.height / 2);
    await expect.poll(() => title().textContent()).toBe('Welcome to Dossier');
  });

  it('keeps the open item’s row highlighted after an import shifts the rows', async () => {
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
    await expect.poll(() => results().locator('.result-title').first().textContent()).toMatch(SEED_TITLE);
    await results().getByRole('button', { name: 'Welcome to Dossier' }).click();
    await expect.poll(() => results().locator('.result-active').textContent()).toMatch(/Welcome to Dossier/);
    // Two titles that sort before "Welcome": the open item's row moves down by two.
    await page.setInputFiles('[data-testid="import-input"]', [
      textFile(
        'alpha.txt',
        'Alpine passes close early',
        'Snow closed the alpine passes a week earlier than last year, the road authority said.',
      ),
      textFile(
        'bravo.txt',
        'Bakers protest flour prices',
        'Bakers gathered outside the ministry to protest the rising price of flour.',
      ),
    ]);
    await expect.poll(() => status().textContent()).toMatch(/Imported 2 items\./);
    await expect.poll(() => results().locator('.result').count()).toBe(4);
    await expect.poll(() => results().locator('.result-active').textContent()).toMatch(/Welcome to Dossier/);
    expect(await results().locator('.result-active').getAttribute('aria-current')).toBe('true');
    // So Enter acts on the item the reader shows.
    await results().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => title().textContent()).toBe('Welcome to Dossier');
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('relevance');
  });

  it('lets a clean import summary go by itself, in a strip that covers nothing', async () => {
    const strip = await status().boundingBox();
    const related = await page.getByRole('region', { name: 'Related items' }).boundingBox();
    const overlaps = (a: NonNullable<typeof strip>, b: NonNullable<typeof strip>) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps(strip!, related!)).toBe(false);
    await expect.poll(() => status().count(), { timeout: 9_000 }).toBe(0);
  });

  it('says a duplicate was already in the archive, and counts entries as entries', async () => {
    await page.setInputFiles('[data-testid="import-input"]', [
      textFile(
        'alpha-again.txt',
        'Alpine passes close early',
        'Snow closed the alpine passes a week earlier than last year, the road authority said.',
      ),
    ]);
    await expect.poll(() => status().textContent()).toMatch(/^Nothing new: this was already in the archive\./);
    await page.getByRole('button', { name: 'Dismiss import summary' }).click();

    const bookmarks = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="https://example.com/a">First link</A>\n<DT><A HREF="https://example.com/a">First link again</A>\n<DT><A HREF="https://example.com/b">Second link</A>\n</DL>`;
    await page.setInputFiles('[data-testid="import-input"]', [
      { name: 'bookmarks.html', mimeType: 'text/html', buffer: Buffer.from(bookmarks) },
    ]);
    await expect
      .poll(() => status().locator('strong').first().textContent())
      .toMatch(/^Imported 2 items\. 1 already in the archive\.$/);
    expect(await status().textContent()).not.toMatch(/file left out/);
    await screenshot(page, 'import-summary');
    await page.getByRole('button', { name: 'Dismiss import summary' }).click();
  });

  it('opens and selects the page "Add web page…" imports', async () => {
    await page.getByRole('button', { name: 'Add web page…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a web page' });
    await dialog.getByRole('textbox', { name: 'Web address' }).fill(siteUrl);
    await dialog.getByRole('button', { name: 'Import page' }).click();
    await expect.poll(() => title().textContent()).toBe('Harbour pilots approve the new tugboats');
    await expect
      .poll(() => results().locator('.result-active').textContent())
      .toMatch(/Harbour pilots approve the new tugboats/);
    expect(await dialog.isHidden()).toBe(true);
  });

  it('shows tag colours on result rows and on the reader’s chips', async () => {
    await page.getByRole('navigation', { name: 'Tags' }).getByRole('button', { name: 'Tag actions Diplomacy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag “Diplomacy”' });
    await dialog.getByLabel('Colour').fill('#b5651d');
    await dialog.getByRole('button', { name: 'Set colour' }).click();
    await page.getByRole('searchbox', { name: 'Search the archive' }).fill('Wang Yi');
    await results().getByRole('button', { name: SEED_TITLE }).click();
    const brown = 'rgb(181, 101, 29)';
    await expect
      .poll(() =>
        results()
          .locator('.mini-tag')
          .filter({ hasText: 'Diplomacy' })
          .locator('.tag-dot')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe(brown);
    await expect
      .poll(() =>
        page
          .getByRole('list', { name: 'Tags on this item' })
          .locator('.tag-chip')
          .filter({ hasText: 'Diplomacy' })
          .locator('.tag-dot')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe(brown);
    await page.getByRole('searchbox', { name: 'Search the archive' }).fill('');
  });

  it('keeps the theme, text size and pane widths when serve restarts on another port', async () => {
    await page.getByRole('button', { name: 'View settings' }).click();
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.getByRole('button', { name: 'Larger text' }).click();
    await page.keyboard.press('Escape');
    const oldOrigin = served.origin;
    expect(await served.stop()).toBe(0);
    served = await startServe(served.archive);
    expect(served.origin).not.toBe(oldOrigin);
    await page.goto(served.url);
    await page.locator('.results .result').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--reader-size')),
    ).toBe('20px');
  });

  it('says a page opened without its token has none, instead of "Searching…"', async () => {
    const other = await context.newPage();
    await other.goto(`${served.origin}/`);
    await other.getByRole('heading', { name: 'This page has no session token.' }).waitFor();
    expect(await other.getByText('Searching…').count()).toBe(0);
    expect(await other.textContent('body')).toMatch(/Open the address dossier serve printed/);
    // A token the server does not know (one from before a restart) is told apart.
    await other.goto(`${served.origin}/?token=from-an-earlier-run`);
    await other.getByRole('heading', { name: 'This page’s session token is no longer valid.' }).waitFor();
    expect(await other.getByText('Searching…').count()).toBe(0);
    await other.close();
  });
});
