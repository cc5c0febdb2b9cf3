// The app in small and large windows, down to the desktop window's 720 px minimum: at
// 800×600 and 720×600 every named control is inside the window, uncovered, and does what
// it says; at 1440×900 notes and highlights sit beside the text; printing gives the
// article alone. Each size gets a fresh archive, so one check cannot hide another.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
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

/** Whether the element lies wholly inside the window and is what a click at its centre hits. */
async function onScreen(page: Page, locator: Locator): Promise<string | null> {
  await locator.waitFor({ state: 'visible' });
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize() as { width: number; height: number };
  if (!box) return 'has no box';
  if (box.x < 0 || box.y < 0 || box.x + box.width > width + 0.5 || box.y + box.height > height + 0.5)
    return `lies outside the window at ${JSON.stringify(box)}`;
  const hit = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return (
      top !== null && (el === top || el.contains(top) || (el as HTMLElement).closest('label')?.contains(top) === true)
    );
  });
  return hit ? null : 'is covered by another element';
}

async function expectOnScreen(page: Page, named: Record<string, Locator>) {
  const problems: string[] = [];
  for (const [name, locator] of Object.entries(named)) {
    const problem = await onScreen(page, locator);
    if (problem) problems.push(`${name} ${problem}`);
  }
  expect(problems).toEqual([]);
}

async function selectPhrase(page: Page, phrase: string) {
  await page.evaluate((phrase) => {
    const body = document.querySelector('.article-body') as HTMLElement;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(phrase);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`phrase not found: ${phrase}`);
  }, phrase);
}

describe.skipIf(!executable)('layout', () => {
  let browser: Browser;
  const servers: Served[] = [];

  beforeAll(async () => {
    await buildRendererIfStale();
    browser = await launchBrowser(executable as string);
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) {
      await s.stop();
      removeArchive(s.archive);
    }
  });

  async function fresh(width: number, height: number, theme: 'light' | 'dark' = 'light') {
    const served = await startServe();
    servers.push(served);
    const { context, page } = await openPage(browser, {
      viewport: { width, height },
      colorScheme: theme,
      acceptDownloads: true,
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.locator('.results .result').first().waitFor();
    return { served, page, context, errors };
  }

  for (const [width, height] of [
    [800, 600],
    [720, 600],
  ] as const) {
    it(`keeps every control inside a ${width}×${height} window and usable`, async () => {
      const { page, context, errors } = await fresh(width, height);
      const results = page.getByRole('list', { name: 'Results' });
      const article = page.getByRole('article');
      // Nothing is wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await expectOnScreen(page, {
        'library button': page.getByRole('button', { name: 'Library, tags and sources' }),
        'search box': page.getByRole('searchbox', { name: 'Search the archive' }),
        Import: page.getByRole('button', { name: 'Import', exact: true }),
        'Add web page…': page.getByRole('button', { name: 'Add web page…' }),
        'Export notes': page.getByRole('button', { name: 'Export notes' }),
        'View settings': page.getByRole('button', { name: 'View settings' }),
        'Keyboard shortcuts': page.getByRole('button', { name: 'Keyboard shortcuts' }),
        'Sort by': page.getByRole('combobox', { name: 'Sort by' }),
        'first result': results.locator('.result').first(),
      });

      // Open the seed from the list (a click marks it read, so "Mark unread" shows).
      await results.getByRole('button', { name: SEED_TITLE }).click();
      await article.locator('.article-body[data-ready="true"]').waitFor();
      if (width === 720) {
        expect(await page.locator('.results-pane').isHidden(), 'the list gives way to the reader').toBe(true);
      } else {
        expect(await page.locator('.results-pane').isVisible(), 'the list stays beside the reader').toBe(true);
      }
      const body = await article.locator('.article-body').boundingBox();
      expect(body!.x + body!.width, 'the article is not cut at the window edge').toBeLessThanOrEqual(width);
      expect(await page.locator('.reader-pane').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

      await expectOnScreen(page, {
        'Mark unread': article.getByRole('button', { name: 'Mark unread' }),
        'Delete…': article.getByRole('button', { name: 'Delete…' }),
        'Add tag': page.getByRole('textbox', { name: 'Add tag' }),
        Highlight: page.getByRole('button', { name: 'Highlight', exact: true }),
        'jump to Notes': page.getByRole('navigation', { name: 'Jump to' }).getByRole('link', { name: /^Notes/ }),
        'jump to Highlights': page
          .getByRole('navigation', { name: 'Jump to' })
          .getByRole('link', { name: /^Highlights/ }),
        'jump to Related': page.getByRole('navigation', { name: 'Jump to' }).getByRole('link', { name: /^Related/ }),
        ...(width === 720 ? { 'back to results': page.getByRole('button', { name: '← Results' }) } : {}),
      });
      await screenshot(page, `layout-${width}-reader`);

      // Highlight: select a passage, the button is enabled where it was, and it works.
      await selectPhrase(page, 'comprehensive strategic coordination');
      const highlight = page.getByRole('button', { name: 'Highlight', exact: true });
      await expect.poll(() => highlight.isEnabled()).toBe(true);
      expect(await onScreen(page, highlight)).toBeNull();
      await highlight.click();
      await expect.poll(() => article.locator('mark.highlight').count()).toBe(1);

      // Mark unread works and says so by turning into Mark read (the item is unread again).
      await article.getByRole('button', { name: 'Mark unread' }).click();
      await expect.poll(() => article.getByRole('button', { name: 'Mark read' }).count()).toBe(1);

      // Delete… asks, and the answer buttons are on screen too.
      await article.getByRole('button', { name: 'Delete…' }).click();
      await expectOnScreen(page, {
        'Delete item': article.getByRole('button', { name: 'Delete item' }),
        'Keep it': article.getByRole('button', { name: 'Keep it' }),
      });
      await article.getByRole('button', { name: 'Keep it' }).click();

      // Notes and related items are one jump away, not 500 words down.
      await page
        .getByRole('navigation', { name: 'Jump to' })
        .getByRole('link', { name: /^Notes/ })
        .click();
      const note = page.getByRole('textbox', { name: 'New note' });
      await expectOnScreen(page, { 'New note': note });
      await note.fill('Written at a small size.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect
        .poll(() => page.getByRole('region', { name: 'Notes' }).textContent())
        .toContain('Written at a small size.');
      await page
        .getByRole('navigation', { name: 'Jump to' })
        .getByRole('link', { name: /^Related/ })
        .click()
        .catch(async () => {
          // The jump links scrolled away with the article top: use the panel's own way back up.
          await page.getByRole('button', { name: '↑ Back to the article' }).click();
          await page
            .getByRole('navigation', { name: 'Jump to' })
            .getByRole('link', { name: /^Related/ })
            .click();
        });
      // The jump scrolled the reader pane, never the window's frame: the toolbar is still there.
      await expectOnScreen(page, {
        'Find an item to link': page.getByRole('searchbox', { name: 'Find an item to link' }),
        'search box after the jump': page.getByRole('searchbox', { name: 'Search the archive' }),
      });
      await screenshot(page, `layout-${width}-notes`, { docs: false });

      // The view menu: theme and text size inside the window, and they work.
      await page.getByRole('button', { name: 'View settings' }).click();
      await expectOnScreen(page, {
        Theme: page.getByRole('combobox', { name: 'Theme' }),
        'Smaller text': page.getByRole('button', { name: 'Smaller text' }),
        'Larger text': page.getByRole('button', { name: 'Larger text' }),
      });
      await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
      await page.getByRole('button', { name: 'Larger text' }).click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(
        await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--reader-size')),
      ).toBe('20px');
      await page.keyboard.press('Escape');

      // The library drawer: opens over the panes, filters, closes with Esc back to its button.
      const toggle = page.getByRole('button', { name: 'Library, tags and sources' });
      await toggle.click();
      const drawer = page.getByRole('complementary', { name: 'Library' });
      await expectOnScreen(page, {
        'All items': drawer.getByRole('button', { name: /^All items/ }),
        'tag Diplomacy': drawer.getByRole('button', { name: /^Diplomacy/ }),
      });
      if (width === 720) await screenshot(page, 'layout-720-drawer');
      else await screenshot(page, 'layout-800-drawer', { docs: false });
      await drawer.getByRole('button', { name: /^Unread/ }).click();
      await page.keyboard.press('Escape');
      await expect.poll(() => drawer.isHidden()).toBe(true);
      expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

      if (width === 720) {
        // The way back: the list returns, focused, and the reader gives way again.
        await page.getByRole('button', { name: '← Results' }).click();
        await expect.poll(() => page.locator('.results-pane').isVisible()).toBe(true);
        expect(await page.locator('.reader-pane').isHidden()).toBe(true);
        expect(await results.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('.reader-pane').isVisible()).toBe(true);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('.results-pane').isVisible()).toBe(true);
      }
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`keeps the reading workflow's controls inside a ${width}×${height} window and usable`, async () => {
      const { served, page, context, errors } = await fresh(width, height);
      const bookmarks =
        '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="http://127.0.0.1:9/nowhere.html">A bookmark to fetch</A>\n</DL>';
      await apiValue(served, 'import.files', {
        files: [{ name: 'bookmarks.html', data: Buffer.from(bookmarks).toString('base64') }],
      });
      await apiValue(served, 'searches.save', { name: 'Diplomacy reading', q: 'tag:Diplomacy' });
      await apiValue(served, 'backups.create', {});
      await page.reload();
      const results = page.getByRole('list', { name: 'Results' });
      await results.locator('.result').first().waitFor();
      const article = page.getByRole('article');

      // The results header's Results menu and the Date added sort.
      await page.getByRole('combobox', { name: 'Sort by' }).selectOption('added');
      await page.getByRole('button', { name: 'Results', exact: true }).click();
      const menu = page.getByRole('group', { name: 'Results actions' });
      await expectOnScreen(page, {
        'Save this search…': menu.getByRole('button', { name: 'Save this search…' }),
        'Mark all read': menu.getByRole('button', { name: 'Mark all read' }),
        'Tag all results…': menu.getByRole('button', { name: 'Tag all results…' }),
        'Fetch all bookmarks': menu.getByRole('button', { name: 'Fetch all bookmarks' }),
      });
      await menu.getByRole('button', { name: 'Mark all read' }).click();
      const confirm = page.getByRole('dialog', { name: 'Mark all results read' });
      await expectOnScreen(page, {
        'Mark … read': confirm.getByRole('button', { name: /^Mark \d+ results? read$/ }),
        'Cancel mark all read': confirm.getByRole('button', { name: 'Cancel' }),
      });
      await confirm.getByRole('button', { name: 'Cancel' }).click();

      // Bulk selection: two boxes, and every button of the bar.
      await results.locator('.result-check').nth(0).click();
      await results.locator('.result-check').nth(1).click();
      const bar = page.getByRole('toolbar', { name: 'Selected results' });
      const named = Object.fromEntries(
        [
          'Tag…',
          'Untag…',
          'Mark read',
          'Mark unread',
          'Archive',
          'Move to inbox',
          'Favourite',
          'Unfavourite',
          'Fetch articles',
          'Export notes…',
          'Delete…',
          'Clear selection',
        ].map((n) => [`bulk ${n}`, bar.getByRole('button', { name: n, exact: true })]),
      );
      await expectOnScreen(page, { ...named, 'first result under the bar': results.locator('.result').first() });
      await screenshot(page, `layout-${width}-bulk`, { docs: false });
      await bar.getByRole('button', { name: 'Delete…' }).click();
      await expectOnScreen(page, {
        'Delete 2 items': bar.getByRole('button', { name: 'Delete 2 items' }),
        'Keep them': bar.getByRole('button', { name: 'Keep them' }),
      });
      await bar.getByRole('button', { name: 'Keep them' }).click();
      await bar.getByRole('button', { name: 'Clear selection' }).click();

      // The bookmark in the reader: its whole action row, then Edit details….
      await results.getByRole('button', { name: /A bookmark to fetch/ }).click();
      await expect.poll(() => article.getByRole('heading', { level: 1 }).textContent()).toBe('A bookmark to fetch');
      await expectOnScreen(page, {
        Archive: article.getByRole('button', { name: 'Archive', exact: true }),
        Favourite: article.getByRole('button', { name: 'Favourite' }),
        'Mark unread': article.getByRole('button', { name: 'Mark unread' }),
        'Fetch article': article.getByRole('button', { name: 'Fetch article' }),
        'Edit details…': article.getByRole('button', { name: 'Edit details…' }),
        'Delete…': article.getByRole('button', { name: 'Delete…' }),
      });
      await article.getByRole('button', { name: 'Edit details…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit details' });
      await dialog.getByRole('textbox', { name: 'Title' }).waitFor();
      await screenshot(page, `layout-${width}-edit-details`, { docs: false });
      await expectOnScreen(page, {
        Title: dialog.getByRole('textbox', { name: 'Title' }),
        Source: dialog.getByRole('textbox', { name: 'Source' }),
        Published: dialog.getByRole('textbox', { name: 'Published' }),
        'Web address': dialog.getByRole('textbox', { name: 'Web address' }),
        Byline: dialog.getByRole('textbox', { name: 'Byline' }),
        Language: dialog.getByRole('textbox', { name: 'Language' }),
        'Save details': dialog.getByRole('button', { name: 'Save details' }),
      });
      await dialog.getByRole('textbox', { name: 'Source' }).fill('Nowhere Daily');
      await dialog.getByRole('button', { name: 'Save details' }).click();
      await expect.poll(() => article.locator('.reader-facts').textContent()).toContain('Nowhere Daily');

      // Fetching from an address nobody answers: the result line and its dismiss button fit.
      await article.getByRole('button', { name: 'Fetch article' }).click();
      const status = page.getByRole('status', { name: 'Fetching articles' });
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/could not be fetched/);
      await expectOnScreen(page, {
        'Dismiss fetch results': status.getByRole('button', { name: 'Dismiss fetch results' }),
      });
      await status.getByRole('button', { name: 'Dismiss fetch results' }).click();

      // Restore from a backup…, from the view menu.
      await page.getByRole('button', { name: 'View settings' }).click();
      await expectOnScreen(page, {
        'Restore from a backup…': page.getByRole('button', { name: 'Restore from a backup…' }),
      });
      await page.getByRole('button', { name: 'Restore from a backup…' }).click();
      const backups = page.getByRole('dialog', { name: 'Restore from a backup' });
      await backups.getByRole('radio').first().waitFor();
      await expectOnScreen(page, {
        'a backup': backups.getByRole('radio').first(),
        'Restore this backup': backups.getByRole('button', { name: 'Restore this backup' }),
        Cancel: backups.getByRole('button', { name: 'Cancel' }),
      });
      await backups.getByRole('button', { name: 'Cancel' }).click();

      // The drawer's new views and the saved search.
      await page.getByRole('button', { name: 'Library, tags and sources' }).click();
      const drawer = page.getByRole('complementary', { name: 'Library' });
      await expectOnScreen(page, {
        Inbox: drawer.getByRole('button', { name: /^Inbox/ }),
        'Archive view': drawer.getByRole('button', { name: /^Archive/ }),
        Favourites: drawer.getByRole('button', { name: /^Favourites/ }),
        'saved search': drawer.getByRole('button', { name: 'Diplomacy reading', exact: true }),
        'delete saved search': drawer.getByRole('button', { name: 'Delete saved search Diplomacy reading' }),
      });
      await drawer.getByRole('button', { name: 'Diplomacy reading', exact: true }).click();
      await expect
        .poll(() => page.getByRole('searchbox', { name: 'Search the archive' }).inputValue())
        .toBe('tag:Diplomacy');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('puts highlights, notes and related items beside the text at 1440×900', async () => {
    const { page, context } = await fresh(1440, 900);
    await page.locator('.article-body[data-ready="true"]').waitFor();
    const text = await page.locator('.article-body').boundingBox();
    for (const name of ['Highlights', 'Notes', 'Related items']) {
      const panel = await page.getByRole('region', { name }).boundingBox();
      expect(panel!.x, `${name} is right of the text`).toBeGreaterThan(text!.x + text!.width);
    }
    expect(await onScreen(page, page.getByRole('textbox', { name: 'New note' }))).toBeNull();
    expect(await page.getByRole('navigation', { name: 'Jump to' }).isHidden()).toBe(true);
    await context.close();
  });

  it('prints the article alone, over as many pages as it needs', async () => {
    const { served, page, context } = await fresh(1280, 800);
    const paragraph =
      'The committee heard evidence from farmers, engineers and residents about the flood defences along the river, and about who should pay for them. ';
    const long = `A long report on the valley\n\n${Array.from({ length: 120 }, (_, i) => `${i + 1}. ${paragraph.repeat(2)}`).join('\n\n')}\n`;
    const summary = await apiValue(served, 'import.files', {
      files: [{ name: 'long.txt', data: Buffer.from(long).toString('base64') }],
    });
    await page.reload();
    await page
      .getByRole('list', { name: 'Results' })
      .getByRole('button', { name: 'A long report on the valley' })
      .click();
    await page.locator('.article-body[data-ready="true"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.topbar', '.sidebar', '.results-pane', '.reader-aside', '.highlight-bar', '.tag-editor']) {
      expect(await page.locator(hidden).first().isHidden(), hidden).toBe(true);
    }
    expect(await page.locator('.article-body').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(summary.imported).toHaveLength(1);
    expect(pages).toBeGreaterThan(3);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });
});
