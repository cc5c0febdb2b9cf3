// axe-core on every main view of the app, in the light and the dark theme: the library
// with the reader, search results, a tag filter, an annotated item, each dialog and menu,
// the import summary, the drawer of an 800 px window, the reader alone at 720 px and the
// page without a token. No serious or critical rule may fail; the counts are printed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  apiValue,
  buildRendererIfStale,
  chromiumOrSkip,
  launchBrowser,
  openPage,
  removeArchive,
  screenshot,
  startServe,
  type Served,
} from './harness';
import { blocking, runAxe, type AxeReport } from './axe';

const executable = chromiumOrSkip({ quiet: true });

type Theme = 'light' | 'dark';
const THEMES: Theme[] = ['light', 'dark'];

describe.skipIf(!executable)('accessibility (axe-core)', () => {
  let served: Served;
  let browser: Browser;
  const table: Array<{ view: string; theme: Theme; counts: AxeReport['counts']; rules: string }> = [];

  beforeAll(async () => {
    await buildRendererIfStale();
    served = await startServe();
    browser = await launchBrowser(executable as string);
    // An annotated seed article: a highlight with a comment and a note.
    const seed = (await apiValue(served, 'search.query', { q: 'Wang Yi' })).hits[0];
    const { text } = await apiValue(served, 'items.content', { id: seed.id });
    const start = text.indexOf('comprehensive strategic coordination');
    await apiValue(served, 'highlights.create', {
      itemId: seed.id,
      quote: 'comprehensive strategic coordination',
      start,
      end: start + 36,
      comment: 'The core claim',
    });
    await apiValue(served, 'notes.create', {
      itemId: seed.id,
      text: '## Reading\n\nCompare with the **BRICS** summit coverage.',
    });
    await apiValue(served, 'tags.setColor', { name: 'Diplomacy', color: '#b5651d' });
    // The reading workflow's views: a bookmark (its fetch fails at once), a saved search,
    // a backup, and the seed archived and starred.
    const bookmarks =
      '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="http://127.0.0.1:9/nowhere.html">A bookmark to fetch</A>\n</DL>';
    await apiValue(served, 'import.files', {
      files: [{ name: 'bookmarks.html', data: Buffer.from(bookmarks).toString('base64') }],
    });
    await apiValue(served, 'searches.save', { name: 'Diplomacy reading', q: 'tag:Diplomacy' });
    await apiValue(served, 'backups.create', {});
    await apiValue(served, 'items.setState', { id: seed.id, archived: true, favourite: true });
  });

  afterAll(async () => {
    if (table.length) {
      console.log(
        [
          'axe-core violations by view (critical/serious/moderate/minor):',
          ...table.map(
            (r) =>
              `  ${r.view.padEnd(26)} ${r.theme.padEnd(5)} ${r.counts.critical}/${r.counts.serious}/${r.counts.moderate}/${r.counts.minor}${r.rules ? `  ${r.rules}` : ''}`,
          ),
        ].join('\n'),
      );
    }
    await browser?.close();
    await served?.stop();
    if (served) removeArchive(served.archive);
  });

  async function pageAt(
    width: number,
    height: number,
    theme: Theme,
    url = served.url,
  ): Promise<{ page: Page; context: BrowserContext }> {
    const { context, page } = await openPage(browser, {
      viewport: { width, height },
      colorScheme: theme,
      reducedMotion: 'reduce',
    });
    await page.goto(url);
    return { page, context };
  }

  async function check(page: Page, view: string, theme: Theme) {
    // Let transitions and pending answers settle before measuring colours.
    await page.waitForTimeout(150);
    const report = await runAxe(page);
    table.push({
      view,
      theme,
      counts: report.counts,
      rules: report.violations.map((v) => `${v.id}(${v.impact}) ${v.targets.join(' ')}`).join(' '),
    });
    expect(blocking(report), `${view} in ${theme}`).toEqual([]);
  }

  const ready = async (page: Page) => {
    await page.locator('.article-body[data-ready="true"]').waitFor();
    await page.locator('.results .result').first().waitFor();
  };

  for (const theme of THEMES) {
    it(`the library, search, tag filter and reader in ${theme}`, async () => {
      const { page, context } = await pageAt(1440, 900, theme);
      await ready(page);
      await check(page, 'library + reader', theme);

      await page.getByRole('searchbox', { name: 'Search the archive' }).fill('strategic');
      await page.locator('.results mark').first().waitFor();
      await check(page, 'search results', theme);
      await page.getByRole('searchbox', { name: 'Search the archive' }).fill('');

      await page
        .getByRole('navigation', { name: 'Tags' })
        .getByRole('button', { name: /^Diplomacy/ })
        .click();
      await page.getByRole('list', { name: 'Active filters' }).waitFor();
      await check(page, 'tag filter', theme);

      await page.getByText('Narrow', { exact: true }).click();
      await check(page, 'facets open', theme);

      await page.locator('.results .result').first().click();
      await page.locator('mark.highlight').first().waitFor();
      await check(page, 'annotated item', theme);
      await screenshot(page, `a11y-reader-${theme}`, { docs: false });
      await context.close();
    });

    it(`dialogs, menus and the import summary in ${theme}`, async () => {
      const { page, context } = await pageAt(1440, 900, theme);
      await ready(page);
      await page.getByRole('button', { name: 'Export notes' }).click();
      await page.getByRole('dialog', { name: 'Export notes' }).waitFor();
      await check(page, 'export dialog', theme);
      await page.keyboard.press('Escape');

      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await check(page, 'shortcut sheet', theme);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'View settings' }).click();
      await page.getByRole('combobox', { name: 'Theme' }).waitFor();
      await check(page, 'view menu', theme);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Add web page…' }).click();
      await page.getByRole('dialog', { name: 'Import a web page' }).waitFor();
      await check(page, 'web page dialog', theme);
      await page.keyboard.press('Escape');

      await page
        .getByRole('navigation', { name: 'Tags' })
        .getByRole('button', { name: 'Tag actions Diplomacy' })
        .click();
      await page.getByRole('dialog', { name: 'Tag “Diplomacy”' }).waitFor();
      await check(page, 'tag dialog', theme);
      await page.keyboard.press('Escape');

      await page.setInputFiles('[data-testid="import-input"]', [
        { name: 'mystery.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 255]) },
      ]);
      await page.getByRole('status', { name: 'Import' }).getByText('mystery.bin').waitFor();
      await check(page, 'import summary', theme);
      await context.close();
    });

    it(`the reading workflow: views, selection, menus, dialogs and fetch results in ${theme}`, async () => {
      const { page, context } = await pageAt(1440, 900, theme);
      await ready(page);
      const views = page.getByRole('navigation', { name: 'Library views' });
      await views.getByRole('button', { name: /^Archive/ }).click();
      await page.locator('.results .result').first().waitFor();
      await check(page, 'archive view + saved search', theme);
      await views.getByRole('button', { name: /^Favourites/ }).click();
      await check(page, 'favourites view', theme);
      await views.getByRole('button', { name: /^All items/ }).click();

      const checks = page.locator('.results .result-check');
      await checks.nth(0).click();
      await checks.nth(1).click();
      await page.getByRole('toolbar', { name: 'Selected results' }).waitFor();
      await check(page, 'bulk selection', theme);
      await screenshot(page, `reading-bulk-1440-${theme}`, { docs: false });
      await page
        .getByRole('toolbar', { name: 'Selected results' })
        .getByRole('button', { name: 'Clear selection' })
        .click();

      await page.getByRole('button', { name: 'Results', exact: true }).click();
      await page.getByRole('group', { name: 'Results actions' }).waitFor();
      await check(page, 'results menu', theme);
      await screenshot(page, `reading-menu-1440-${theme}`, { docs: false });
      await page.getByRole('group', { name: 'Results actions' }).getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('dialog', { name: 'Mark all results read' }).waitFor();
      await check(page, 'mark all read dialog', theme);
      await page.keyboard.press('Escape');

      await page
        .locator('.results')
        .getByRole('button', { name: /A bookmark to fetch/ })
        .click();
      await page.getByRole('article').getByRole('button', { name: 'Fetch article' }).click();
      await page
        .getByRole('status', { name: 'Fetching articles' })
        .getByText(/could not be fetched/)
        .waitFor({ timeout: 20_000 });
      await check(page, 'bookmark + fetch results', theme);
      await screenshot(page, `reading-fetch-1440-${theme}`, { docs: false });

      await page.getByRole('article').getByRole('button', { name: 'Edit details…' }).click();
      await page.getByRole('dialog', { name: 'Edit details' }).waitFor();
      await check(page, 'edit details dialog', theme);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'View settings' }).click();
      await page.getByRole('button', { name: 'Restore from a backup…' }).click();
      await page.getByRole('dialog', { name: 'Restore from a backup' }).getByRole('radio').first().waitFor();
      await check(page, 'backups dialog', theme);
      await screenshot(page, `reading-backups-1440-${theme}`, { docs: false });
      await page.keyboard.press('Escape');

      // The same at 800×600: the bookmark's action row, a selection and the Results menu.
      await page.setViewportSize({ width: 800, height: 600 });
      await check(page, 'bookmark at 800', theme);
      await screenshot(page, `reading-reader-800-${theme}`, { docs: false });
      await checks.nth(0).click();
      await checks.nth(2).click();
      await page.getByRole('toolbar', { name: 'Selected results' }).waitFor();
      await page.getByRole('button', { name: 'Results', exact: true }).click();
      await page.getByRole('group', { name: 'Results actions' }).waitFor();
      await check(page, 'selection + menu at 800', theme);
      await screenshot(page, `reading-bulk-800-${theme}`, { docs: theme === 'dark' });
      await context.close();
    });

    it(`the drawer at 800×600 and the reader alone at 720×600 in ${theme}`, async () => {
      const { page, context } = await pageAt(800, 600, theme);
      await ready(page);
      await check(page, 'two panes at 800', theme);
      await page.getByRole('button', { name: 'Library, tags and sources' }).click();
      await page.getByRole('complementary', { name: 'Library' }).waitFor();
      await check(page, 'drawer at 800', theme);
      await page.keyboard.press('Escape');

      await page.setViewportSize({ width: 720, height: 600 });
      await check(page, 'list alone at 720', theme);
      await page.locator('.results .result').first().click();
      await page.getByRole('button', { name: '← Results' }).waitFor();
      await check(page, 'reader alone at 720', theme);
      await context.close();
    });

    it(`the page without its token in ${theme}`, async () => {
      const { page, context } = await pageAt(1024, 700, theme, `${served.origin}/`);
      await page.getByRole('heading', { name: 'This page has no session token.' }).waitFor();
      await check(page, 'no token', theme);
      await context.close();
    });
  }
});
