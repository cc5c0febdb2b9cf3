// The app without a mouse: a skip link to the results, every control in the Tab order
// (the tag "…" buttons too), a filter for a long tag list, `?` for the shortcut sheet,
// selecting with Shift+arrows in the article and `h` to highlight, j/k marking an item
// read as a click does, and Esc cancelling an edit.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const MANY_TAGS = [
  'Agriculture',
  'Banking',
  'Climate',
  'Defence',
  'Economy',
  'Energy',
  'Europe',
  'Farming',
  'Gas',
  'Health',
  'Housing',
  'Industry',
  'Justice',
  'Labour',
];

describe.skipIf(!executable)('keyboard', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let seedId: string;
  let noteId: string;
  const focusedName = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
  const results = () => page.getByRole('list', { name: 'Results' });
  const title = () => page.getByRole('article').getByRole('heading', { level: 1 });
  const readAt = async (id: string) => (await apiValue(served, 'items.get', { id })).readAt as string | null;

  beforeAll(async () => {
    await buildRendererIfStale();
    served = await startServe();
    const hits = (await apiValue(served, 'search.query', { q: '' })).hits as Array<{ id: string; kind: string }>;
    seedId = hits.find((h) => h.kind === 'article')!.id;
    noteId = hits.find((h) => h.kind === 'note')!.id;
    await apiValue(served, 'tags.add', { id: noteId, tags: MANY_TAGS });
    browser = await launchBrowser(executable as string);
    ({ page } = await openPage(browser, { viewport: { width: 1440, height: 900 } }));
    await page.goto(served.url);
    await page.locator('.article-body[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (served) removeArchive(served.archive);
  });

  it('offers a skip link to the results as the first Tab stop', async () => {
    await page.reload();
    await page.locator('.article-body[data-ready="true"]').waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Skip to results');
    await expect
      .poll(() =>
        page
          .getByRole('link', { name: 'Skip to results' })
          .boundingBox()
          .then((b) => b!.y >= 0),
      )
      .toBe(true);
    await page.keyboard.press('Enter');
    expect(await results().evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('filters a long tag list, and reaches each tag’s "…" button with Tab', async () => {
    const tags = page.getByRole('navigation', { name: 'Tags' });
    const filter = tags.getByRole('searchbox', { name: 'Filter tags' });
    await filter.focus();
    await page.keyboard.type('en');
    await expect.poll(() => tags.locator('.sidebar-item').allTextContents()).toEqual(['Defence1', 'Energy1']);
    await page.keyboard.press('Tab');
    expect(await focusedName()).toMatch(/^Defence/);
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('…Tag actions Defence');
    // Shown while focused, not only on hover.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).opacity)).toBe('1');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Tag “Defence”' }).waitFor();
    await page.keyboard.press('Escape');
    await filter.fill('');
    await expect.poll(() => tags.locator('.sidebar-row').count()).toBe(MANY_TAGS.length + 2);
  });

  it('opens the shortcut sheet with ?', async () => {
    await page.locator('body').click({ position: { x: 2, y: 890 } });
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('Highlight the selected passage');
    await screenshot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.isHidden()).toBe(true);
  });

  it('selects words with Shift+arrows in the article text and highlights them with h', async () => {
    await results().getByRole('button', { name: SEED_TITLE }).click();
    await expect.poll(() => title().textContent()).toMatch(SEED_TITLE);
    const body = page.getByRole('region', { name: 'Article text' });
    await body.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    await expect.poll(() => page.locator('.highlight-hint').textContent()).toMatch(/^“China’s Foreign Minister,?”$/);
    await page.keyboard.press('h');
    await expect
      .poll(() => page.locator('mark.highlight').allTextContents())
      .toEqual([expect.stringMatching(/^China’s Foreign Minister,?$/)]);
    const item = await apiValue(served, 'items.get', { id: seedId });
    expect(item.highlights.map((h: { quote: string }) => h.quote)).toEqual([
      expect.stringMatching(/^China’s Foreign Minister,?$/),
    ]);

    // Shift+arrow starts a caret on screen; plain arrows then move it without selecting,
    // drawn since the browser draws none; Shift+arrows select from where it is.
    await body.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.kbd-caret').count()).toBe(1);
    expect(await page.locator('.highlight-hint').textContent()).toMatch(/^Select a passage/);
    await page.keyboard.press('Shift+End');
    await expect.poll(() => page.locator('.highlight-hint').textContent()).toMatch(/^“.+”$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.highlight-hint').textContent()).toMatch(/^Select a passage/);
    await screenshot(page, 'keyboard-highlight');
  });

  it('marks an item read when j opens it, exactly as a click does', async () => {
    await apiValue(served, 'items.setRead', { id: seedId, read: false });
    await apiValue(served, 'items.setRead', { id: noteId, read: false });
    await page.reload();
    await page.locator('.article-body[data-ready="true"]').waitFor();
    // The first start's automatic opening does not count as reading.
    await page.waitForTimeout(300);
    const autoOpened = (await title().textContent()) ?? '';
    const openedId = SEED_TITLE.test(autoOpened) ? seedId : noteId;
    expect(await readAt(openedId)).toBeNull();

    const rows = await results().locator('.result-title').allTextContents();
    const idOf = (rowTitle: string) => (SEED_TITLE.test(rowTitle) ? seedId : noteId);
    await results().focus();
    await page.keyboard.press('Home');
    await expect.poll(() => title().textContent()).toBe(rows[0].replace(/^note/i, '').trim());
    await expect.poll(() => readAt(idOf(rows[0]))).not.toBeNull();
    expect(await readAt(idOf(rows[1]))).toBeNull();
    await page.keyboard.press('j');
    await expect.poll(() => readAt(idOf(rows[1]))).not.toBeNull();
  });

  it('cancels a note edit with Esc and keeps the reader where it was', async () => {
    const notes = page.getByRole('region', { name: 'Notes' });
    await notes.getByRole('textbox', { name: 'New note' }).fill('First thoughts.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByText('First thoughts.').waitFor();
    const shown = await title().textContent();
    await notes.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = notes.getByRole('textbox', { name: 'Edit note' });
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(' And a change I do not want.');
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
    expect((await notes.locator('.note-text').allTextContents()).map((t) => t.trim())).toEqual(['First thoughts.']);
    expect(await title().textContent()).toBe(shown);
  });

  it('labels a link from the Related panel, and the label is kept', async () => {
    const related = page.getByRole('region', { name: 'Related items' });
    await related
      .getByRole('button', { name: /edit the label of the link to/ })
      .first()
      .click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('background');
    await page.keyboard.press('Enter');
    await expect.poll(() => related.locator('.related-label').first().textContent()).toMatch(/^background/);
    await page.reload();
    await expect
      .poll(() => page.getByRole('region', { name: 'Related items' }).locator('.related-label').first().textContent())
      .toMatch(/^background/);
  });
});
