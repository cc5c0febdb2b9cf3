// The reading workflow in Chromium against `dossier serve`: inbox, archive and favourite
// states, mark read/unread/all read, reading progress, sort by date added, bulk selection
// and its actions, tag all results, saved searches, edited details, a bookmark fetched from
// a local test server, preferences kept in the archive, and a restore from a backup. Each
// change is checked again after a reload (and where it matters, in the archive itself).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import {
  apiValue,
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

const LONG_TITLE = 'A long report on the valley';
const PARAGRAPH =
  'The committee heard evidence from farmers, engineers and residents about the flood defences along the river, and about who should pay for them. ';
const LONG_TEXT = `${LONG_TITLE}\n\n${Array.from({ length: 80 }, (_, i) => `${i + 1}. ${PARAGRAPH.repeat(2)}`).join('\n\n')}\n`;
const STORY_TITLE = 'Harbour lights return to the old port';
const STORY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${STORY_TITLE}</title>
<meta name="author" content="Ada Lovelace"></head><body><article><h1>${STORY_TITLE}</h1>
${Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1}: the harbour lights were restored by volunteers who spent the winter repairing the lamps, the wiring and the old iron posts along the quay, and the town came out to see them lit again.</p>`).join('\n')}
</article></body></html>`;

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe.skipIf(!executable)('the reading workflow', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let site: Server;
  let siteUrl: string;
  const pageErrors: string[] = [];

  const results = () => page.getByRole('list', { name: 'Results' });
  const article = () => page.getByRole('article');
  const title = () => article().getByRole('heading', { level: 1 });
  const search = () => page.getByRole('searchbox', { name: 'Search the archive' });
  const views = () => page.getByRole('navigation', { name: 'Library views' });
  const total = () => page.locator('.results-total').textContent();
  const find = async (q: string) =>
    (await apiValue(served, 'search.query', { q })).hits as Array<{
      id: string;
      title: string;
      kind: string;
      tags: string[];
    }>;
  const itemNamed = async (name: string) => {
    const hit = (await find(`"${name}"`)).find((h) => h.title === name);
    if (!hit) throw new Error(`no item called ${name}`);
    return apiValue(served, 'items.get', { id: hit.id });
  };

  async function openFromResults(name: string | RegExp) {
    await results().getByRole('button', { name }).first().click();
    await expect.poll(() => title().textContent()).toMatch(name);
    // A bookmark's body is empty (so not "visible"), hence attached.
    await article().locator('.article-body[data-ready="true"]').waitFor({ state: 'attached' });
  }

  async function reload() {
    await page.reload();
    await results().locator('.result').first().waitFor();
  }

  async function showView(name: string) {
    await search().fill('');
    await views()
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
  }

  beforeAll(async () => {
    site = createServer((req, res) => {
      if (req.url === '/story.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(STORY);
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not here');
      }
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    await buildRendererIfStale();
    served = await startServe();
    const bookmarks = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="${siteUrl}/story.html" ADD_DATE="1700000000">Harbour story</A>\n<DT><A HREF="${siteUrl}/gone.html" ADD_DATE="1700000001">A page that is gone</A>\n</DL>`;
    await apiValue(served, 'import.files', {
      files: [
        { name: 'bookmarks.html', data: base64(bookmarks) },
        { name: 'long.txt', data: base64(LONG_TEXT) },
      ],
    });
    browser = await launchBrowser(executable as string);
    ({ page } = await openPage(browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(served.url);
    await results().locator('.result').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (served) removeArchive(served.archive);
    await new Promise((r) => site?.close(r));
    expect(pageErrors, 'no script errors in the page').toEqual([]);
  });

  it('archives, stars and marks an item from the reader, with Inbox, Archive and Favourites views', async () => {
    await openFromResults(SEED_TITLE);
    const actions = article().getByRole('group', { name: 'Item actions' });
    await actions.getByRole('button', { name: 'Archive', exact: true }).click();
    await actions.getByRole('button', { name: 'Move to inbox' }).waitFor();
    await actions.getByRole('button', { name: 'Favourite' }).click();
    await expect
      .poll(() => actions.getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed'))
      .toBe('true');
    // Opening marked it read; Mark unread and Mark read both work.
    await actions.getByRole('button', { name: 'Mark unread' }).click();
    await actions.getByRole('button', { name: 'Mark read' }).click();
    await actions.getByRole('button', { name: 'Mark unread' }).waitFor();
    await expect
      .poll(() =>
        views()
          .getByRole('button', { name: /^Archive/ })
          .textContent(),
      )
      .toBe('Archive1');
    await expect
      .poll(() =>
        views()
          .getByRole('button', { name: /^Favourites/ })
          .textContent(),
      )
      .toBe('Favourites1');

    await reload();
    const seed = (await find('Wang Yi'))[0];
    const stored = await apiValue(served, 'items.get', { id: seed.id });
    expect(stored.archivedAt).not.toBeNull();
    expect(stored.favourite).toBe(true);
    expect(stored.readAt).not.toBeNull();
    await showView('Archive');
    await expect
      .poll(() => results().locator('.result-title').allTextContents())
      .toEqual([expect.stringMatching(SEED_TITLE)]);
    await screenshot(page, 'archive-view');
    await showView('Favourites');
    await expect
      .poll(() => results().locator('.result-title').allTextContents())
      .toEqual([expect.stringMatching(SEED_TITLE)]);
    await showView('Inbox');
    await expect
      .poll(async () => (await results().locator('.result-title').allTextContents()).some((t) => SEED_TITLE.test(t)))
      .toBe(false);
    await expect.poll(() => total()).not.toBe('Searching…');
    await showView('All items');
  });

  it('marks all results read from the Results menu', async () => {
    await showView('Unread');
    await expect.poll(async () => Number((await total())?.match(/\d+/)?.[0] ?? 0)).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Results', exact: true }).click();
    await page.getByRole('group', { name: 'Results actions' }).getByRole('button', { name: 'Mark all read' }).click();
    // It asks first, naming how many.
    const confirm = page.getByRole('dialog', { name: 'Mark all results read' });
    const unread = (await apiValue(served, 'archive.info', {})).unread;
    await confirm.getByRole('button', { name: `Mark ${unread} results read` }).click();
    await expect.poll(() => total()).toBe('0 results');
    await reload();
    expect((await apiValue(served, 'archive.info', {})).unread).toBe(0);
    await showView('All items');
  });

  it('keeps the reading position of a long item and restores it when it is opened again', async () => {
    await search().fill(LONG_TITLE);
    await openFromResults(LONG_TITLE);
    const pane = page.locator('.reader-pane');
    const ratio = () => pane.evaluate((el) => el.scrollTop / (el.scrollHeight - el.clientHeight));
    const long = await itemNamed(LONG_TITLE);
    const saved = async () => (await apiValue(served, 'items.get', { id: long.id })).progress as number;
    // Scrolled with the wheel, as a reader does; the place is saved a moment later.
    const box = (await pane.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const range = await pane.evaluate((el) => el.scrollHeight - el.clientHeight);
    await page.mouse.wheel(0, range * 0.5);
    await expect.poll(ratio).toBeGreaterThan(0.45);
    const half = await ratio();
    await expect.poll(saved, { timeout: 5_000 }).toBeCloseTo(half, 2);

    // A jump that is not reading (a script scrolling the pane) is not kept.
    await pane.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(1_000);
    expect(await saved()).toBeCloseTo(half, 2);

    // Scrolled back and another item opened at once (before the save's pause is over): the
    // new place is still kept, and the other item opens at its own place (the top).
    await page.mouse.wheel(0, -range * 0.7);
    await expect.poll(ratio).toBeLessThan(0.4);
    const third = await ratio();
    await search().fill('');
    await openFromResults(SEED_TITLE);
    await expect.poll(saved, { timeout: 5_000 }).toBeCloseTo(third, 2);
    await expect.poll(() => pane.evaluate((el) => el.scrollTop)).toBe(0);

    // A reload, then back: the pane opens where the reader left off.
    await reload();
    await search().fill(LONG_TITLE);
    await openFromResults(LONG_TITLE);
    await expect.poll(ratio).toBeCloseTo(third, 2);
    await search().fill('');
  });

  it('sorts by date added, newest first', async () => {
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('added');
    // The long report and the bookmarks came after the seed; the text file was the last file imported.
    await expect
      .poll(async () => (await results().locator('.result-title').first().textContent())?.trim())
      .toBe(LONG_TITLE);
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('relevance');
  });

  it('edits an item’s details, and the edit survives a reload', async () => {
    await search().fill(LONG_TITLE);
    await openFromResults(LONG_TITLE);
    await article().getByRole('button', { name: 'Edit details…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit details' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Café naïve: the valley report');
    await dialog.getByRole('textbox', { name: 'Source' }).fill('Valley Gazette');
    await dialog.getByRole('textbox', { name: 'Published' }).fill('2024-10-06');
    await dialog.getByRole('textbox', { name: 'Byline' }).fill('Grace Hopper');
    await screenshot(page, 'edit-details');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => title().textContent()).toBe('Café naïve: the valley report');
    await reload();
    await search().fill('valley report');
    await openFromResults('Café naïve: the valley report');
    const facts = await article().locator('.reader-facts').textContent();
    expect(facts).toContain('Valley Gazette');
    expect(facts).toContain('By Grace Hopper');
    expect(facts).toMatch(/2024/);
    await search().fill('');
  });

  it('fetches a bookmark from a local server and it becomes an article; a missing page says why', async () => {
    await search().fill('kind:bookmark');
    await expect.poll(() => total()).toBe('2 results');
    await openFromResults('Harbour story');
    expect(await article().locator('.kind-badge').textContent()).toBe('bookmark');
    await article().getByRole('button', { name: 'Fetch article' }).click();
    const status = page.getByRole('status', { name: 'Fetching articles' });
    await expect.poll(() => status.textContent()).toMatch(/Fetched 1 article\./);
    await expect
      .poll(() => article().locator('.article-body').textContent())
      .toContain('the harbour lights were restored by volunteers');
    await article().getByRole('button', { name: 'Fetch again' }).waitFor();
    await screenshot(page, 'fetched-bookmark');
    await status.getByRole('button', { name: 'Dismiss fetch results' }).click();

    // Fetching again over a highlight asks first (the highlight points into the old text).
    const story = (await find('harbour lights volunteers'))[0];
    const { text } = await apiValue(served, 'items.content', { id: story.id });
    const start = text.indexOf('the harbour lights were restored');
    await apiValue(served, 'highlights.create', {
      itemId: story.id,
      quote: 'the harbour lights were restored',
      start,
      end: start + 32,
    });
    await reload(); // the open item comes back with its new highlight
    await article().locator('mark.highlight').first().waitFor();
    await article().getByRole('button', { name: 'Fetch again' }).click();
    const ask = article().getByRole('group', { name: 'Confirm fetching again' });
    expect(await ask.textContent()).toContain('its highlight may no longer line up');
    await ask.getByRole('button', { name: 'Keep this text' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    await article().getByRole('button', { name: 'Fetch again' }).click();
    await ask.getByRole('button', { name: 'Fetch again' }).click();
    await expect.poll(() => status.textContent()).toMatch(/Fetched 1 article\./);
    await status.getByRole('button', { name: 'Dismiss fetch results' }).click();

    // Fetch all bookmarks: the one left is gone from the server, and its line says so.
    await page.getByRole('button', { name: 'Results', exact: true }).click();
    await page
      .getByRole('group', { name: 'Results actions' })
      .getByRole('button', { name: 'Fetch all bookmarks' })
      .click();
    await expect.poll(() => status.textContent()).toMatch(/Fetched 0 articles; 1 could not be fetched\./);
    expect(await status.locator('.fetch-failed').textContent()).toMatch(/A page that is gone.*not fetched/);
    await screenshot(page, 'fetch-results');
    await status.getByRole('button', { name: 'Dismiss fetch results' }).click();

    await reload();
    expect(story.kind).toBe('article');
    const view = await apiValue(served, 'items.get', { id: story.id });
    expect(view.wordCount).toBeGreaterThan(150);
    await search().fill('');
  });

  it('selects several results with the boxes, Shift-click and the keyboard, and acts on them', async () => {
    await search().fill('');
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
    const rows = results().locator('.result');
    const listed = async () =>
      (await results().locator('.result-title').allTextContents()).map((t) =>
        t.replace(/^(bookmark|note|document)/, ''),
      );
    // The list shown before the new order arrives must not be the one read (on a slow machine it was).
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    await expect
      .poll(async () => {
        const shown = await listed();
        return shown.length > 3 && shown.every((t, i) => i === 0 || collator.compare(shown[i - 1], t) <= 0);
      })
      .toBe(true);
    const titles = await listed();
    // A box, then Shift-click on the third row: the first three are selected.
    await rows.nth(0).locator('.result-check').click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Selected results' });
    await expect.poll(() => bar.locator('strong').textContent()).toBe('3 selected items');
    // x on the active row toggles it; Shift+j adds the next one.
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await results().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('x');
    await page.keyboard.press('Shift+J');
    await expect.poll(() => bar.locator('strong').textContent()).toBe('2 selected items');
    await screenshot(page, 'bulk-selection');

    await bar.getByRole('button', { name: 'Tag…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag the selection' });
    await dialog.getByRole('textbox', { name: 'Tag' }).fill('batch');
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await bar.getByRole('button', { name: 'Mark unread' }).click();
    await bar.getByRole('button', { name: 'Favourite', exact: true }).click();
    await expect
      .poll(async () => (await find('tag:batch')).map((h) => h.title).sort())
      .toEqual([titles[0], titles[1]].sort());
    const tagged = await find('tag:batch');
    for (const hit of tagged) {
      const item = await apiValue(served, 'items.get', { id: hit.id });
      expect(item.readAt).toBeNull();
      expect(item.favourite).toBe(true);
    }
    await bar.getByRole('button', { name: 'Untag…' }).click();
    const untag = page.getByRole('dialog', { name: 'Remove a tag from the selection' });
    await untag.getByRole('textbox', { name: 'Tag' }).fill('batch');
    await untag.getByRole('button', { name: 'Remove tag' }).click();
    await expect.poll(async () => (await find('tag:batch')).length).toBe(0);
    // Export notes of the selection: one digest holding exactly the selected items.
    const [firstId, secondId] = (await Promise.all([itemNamed(titles[0]), itemNamed(titles[1])])).map((i) => i.id);
    await apiValue(served, 'notes.create', { itemId: firstId, text: 'A note on the first selected item.' });
    await apiValue(served, 'notes.create', { itemId: secondId, text: 'A note on the second selected item.' });
    await bar.getByRole('button', { name: 'Export notes…' }).click();
    const exporting = page.getByRole('dialog', { name: 'Export notes' });
    expect(await exporting.getByRole('radio', { name: 'The selected results (2)' }).isChecked()).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exporting.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const digest = readFileSync((await download.path()) as string, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    expect(digest.match(/^# Dossier digest/gm)).toHaveLength(1);
    expect(digest).toContain('· 2 items');
    expect(digest).toContain('A note on the first selected item.');
    expect(digest).toContain('A note on the second selected item.');
    expect(digest).not.toContain('Wang Yi');
    await exporting.getByRole('button', { name: 'Close' }).click();

    await bar.getByRole('button', { name: 'Archive', exact: true }).click();
    await expect.poll(async () => (await find('is:archived')).length).toBeGreaterThanOrEqual(2);
    await bar.getByRole('button', { name: 'Move to inbox' }).click();

    // Delete asks first, then removes exactly the selection.
    const before = (await apiValue(served, 'archive.info', {})).counts.items;
    await bar.getByRole('button', { name: 'Delete…' }).click();
    await bar.getByRole('button', { name: 'Keep them' }).click();
    expect((await apiValue(served, 'archive.info', {})).counts.items).toBe(before);
    await bar.getByRole('button', { name: 'Delete…' }).click();
    await bar.getByRole('button', { name: 'Delete 2 items' }).click();
    await expect.poll(async () => (await apiValue(served, 'archive.info', {})).counts.items).toBe(before - 2);
    await expect.poll(() => bar.count()).toBe(0);
    await reload();
    const left = await results().locator('.result-title').allTextContents();
    expect(left.some((t) => t.endsWith(titles[0]) || t.endsWith(titles[1]))).toBe(false);
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('relevance');
  });

  it('reaches the selection bar and the Results menu from the keyboard', async () => {
    await search().fill('');
    await results().locator('.result').first().waitFor();
    await results().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('x');
    const bar = page.getByRole('toolbar', { name: 'Selected results' });
    await bar.waitFor();
    // The bar sits between the header and the list: Shift+Tab from the list reaches its last button.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete…');
    await page.keyboard.press('Enter');
    await bar.getByRole('button', { name: 'Keep them' }).focus();
    await page.keyboard.press('Enter');
    await bar.getByRole('button', { name: 'Clear selection' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => bar.count()).toBe(0);
    // The Results menu opens with Enter and Tab walks into it.
    await page.getByRole('button', { name: 'Results', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Results actions' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Mark all read');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('group', { name: 'Results actions' }).isVisible()).toBe(false);
  });

  it('tags all results of a search and saves the search in the sidebar', async () => {
    await search().fill('harbour');
    await expect.poll(() => total()).toBe('1 result');
    await page.getByRole('button', { name: 'Results', exact: true }).click();
    await page
      .getByRole('group', { name: 'Results actions' })
      .getByRole('button', { name: 'Tag all results…' })
      .click();
    const tagAll = page.getByRole('dialog', { name: 'Tag all results' });
    await tagAll.getByRole('textbox', { name: 'Tag' }).fill('Ports');
    await tagAll.getByRole('button', { name: 'Tag all results' }).click();
    await expect.poll(async () => (await find('tag:Ports')).length).toBe(1);
    await tagAll.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Results', exact: true }).click();
    await page
      .getByRole('group', { name: 'Results actions' })
      .getByRole('button', { name: 'Save this search…' })
      .click();
    const save = page.getByRole('dialog', { name: 'Save this search' });
    await save.getByRole('textbox', { name: 'Name' }).fill('Harbour news');
    await save.getByRole('button', { name: 'Save search' }).click();
    const saved = page.getByRole('navigation', { name: 'Saved searches' });
    await saved.getByRole('button', { name: 'Harbour news', exact: true }).waitFor();
    await screenshot(page, 'saved-search');

    await reload();
    await search().fill('');
    await saved.getByRole('button', { name: 'Harbour news', exact: true }).click();
    await expect.poll(() => search().inputValue()).toBe('harbour');
    await expect.poll(() => total()).toBe('1 result');
    expect(await saved.getByRole('button', { name: 'Harbour news', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await saved.getByRole('button', { name: 'Delete saved search Harbour news' }).click();
    await expect.poll(() => saved.count()).toBe(0);
    expect((await apiValue(served, 'searches.list', {})).searches).toEqual([]);
    await search().fill('');
  });

  it('keeps the theme and text size in the archive, so a new browser profile gets them', async () => {
    await page.getByRole('button', { name: 'View settings' }).click();
    const menu = page.getByRole('group', { name: 'View settings' });
    await menu.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await menu.getByRole('button', { name: 'Larger text' }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await apiValue(served, 'settings.get', {})).preferences)
      .toMatchObject({ theme: 'dark', fontSize: 20 });

    const other = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const fresh = await other.newPage();
    await fresh.goto(served.url);
    await expect.poll(() => fresh.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect
      .poll(() => fresh.evaluate(() => document.documentElement.style.getPropertyValue('--reader-size')))
      .toBe('20px');
    await other.close();
    // Back to light for the screenshots that follow.
    await page.getByRole('button', { name: 'View settings' }).click();
    await menu.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await page.keyboard.press('Escape');
  });

  it('restores a backup from the app and shows what it brought back', async () => {
    await apiValue(served, 'backups.create', {});
    const note = await apiValue(served, 'items.createNote', {
      title: 'Written after the backup',
      text: 'This note is not in the backup.',
    });
    await reload();
    await search().fill('Written after the backup');
    await expect.poll(() => total()).toBe('1 result');
    await page.getByRole('button', { name: 'View settings' }).click();
    await page
      .getByRole('group', { name: 'View settings' })
      .getByRole('button', { name: 'Restore from a backup…' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
    await dialog.getByRole('radio').first().check();
    await screenshot(page, 'restore-backup');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await expect.poll(() => page.locator('.notices').textContent()).toMatch(/Restored the backup \(\d+ items\)/);
    await expect.poll(() => total()).toBe('0 results');
    const gone = await fetch(`${served.origin}/api/items.get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': served.token },
      body: JSON.stringify({ id: note.id }),
    }).then((r) => r.json());
    expect(gone.ok).toBe(false);
    await search().fill('');
  });
});
