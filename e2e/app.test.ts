// The app as a person uses it, in Chromium against `dossier serve` on a fresh archive: the
// seed on first start, search as you type, the reader, tags, links, highlights and notes
// (surviving a reload), drag-and-drop import, export, and the keyboard. Tests run in order
// on one archive, as one session would; each saves a screenshot of the view it checks.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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

const executable = chromiumOrSkip();

const DROPPED_TITLE = 'River levels rise across the valley';
const DROPPED_TEXT = `${DROPPED_TITLE}\n\nHeavy rain over the weekend pushed river levels in the valley to their highest point in a decade. Engineers inspected the flood barriers on Monday and said they held.\n\nResidents were asked to keep sandbags ready while the forecast remains uncertain.\n`;

describe.skipIf(!executable)('Dossier in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const results = () => page.getByRole('list', { name: 'Results' });
  const article = () => page.getByRole('article');
  const title = () => article().getByRole('heading', { level: 1 });
  const search = () => page.getByRole('searchbox', { name: 'Search the archive' });
  const total = () => page.locator('.results-total').textContent();

  async function openFromResults(name: string | RegExp) {
    await results().getByRole('button', { name }).first().click();
    await expect.poll(() => title().textContent()).toMatch(name);
    await article().locator('.article-body[data-ready="true"]').waitFor();
  }

  beforeAll(async () => {
    await buildRendererIfStale();
    served = await startServe();
    browser = await launchBrowser(executable as string);
    ({ page } = await openPage(browser, { viewport: { width: 1600, height: 1000 }, acceptDownloads: true }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
    });
    await page.goto(served.url);
  });

  afterAll(async () => {
    await browser?.close();
    const code = served ? await served.stop() : 0;
    if (served) removeArchive(served.archive);
    expect(pageErrors, 'no script errors or CSP violations in the page').toEqual([]);
    expect(code, 'dossier serve exits 0 after flushing').toBe(0);
  });

  it('shows the seed article and its related note on first start, and drops the token from the address bar', async () => {
    await expect.poll(() => title().textContent()).toMatch(SEED_TITLE);
    await expect.poll(() => results().getByRole('button', { name: SEED_TITLE }).count()).toBe(1);
    const related = page.getByRole('region', { name: 'Related items' });
    await expect.poll(() => related.getByRole('button', { name: 'Welcome to Dossier', exact: true }).count()).toBe(1);
    expect(page.url()).toBe(`${served.origin}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('dossier.token'))).toBe(served.token);
    await screenshot(page, 'first-start');
  });

  it('updates the results as the user types, with matched terms marked', async () => {
    await search().click();
    await page.keyboard.type('strategic');
    await expect.poll(() => results().getAttribute('data-query')).toBe('strategic');
    const marks = await results().locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.some((m) => /strategic/i.test(m))).toBe(true);
    await expect.poll(() => total()).toMatch(/^2 results$/);
    await screenshot(page, 'search');
    // Opened from the search, the article shows the words searched for.
    await openFromResults(SEED_TITLE);
    await expect.poll(() => article().locator('mark.term').allTextContents()).toContain('strategic');

    // A query lunr cannot parse is read as plain words, with a notice, never an error.
    await search().fill('title:');
    await expect.poll(() => results().getAttribute('data-query')).toBe('title:');
    expect(await page.locator('.error-text').count()).toBe(0);
    await search().fill('');
    await expect.poll(() => results().getAttribute('data-query')).toBe('');
  });

  it('opens a hit in the reader', async () => {
    await openFromResults('Welcome to Dossier');
    expect(await article().textContent()).toContain('Nothing leaves it unless you export it');
    await openFromResults(SEED_TITLE);
    expect(await article().textContent()).toContain('comprehensive strategic coordination');
    expect(await article().textContent()).toMatch(/MENAFN/);
    await screenshot(page, 'reader');
  });

  it('shows the seed article under the tags the welcome note searches for', async () => {
    await expect
      .poll(() => page.getByRole('list', { name: 'Tags on this item' }).textContent())
      .toMatch(/China–Russia.*Diplomacy/);
    await search().fill('tag:Diplomacy');
    await expect.poll(() => total()).toBe('1 result');
    expect(await results().getByRole('button', { name: SEED_TITLE }).count()).toBe(1);
    await search().fill('');
    await expect.poll(() => total()).toBe('2 results');
  });

  it('adds a tag, filters by it in the sidebar, and removes it', async () => {
    const field = page.getByRole('textbox', { name: 'Add tag' });
    await field.fill('Sanctions');
    await field.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Remove tag Sanctions' }).count()).toBe(1);
    const tags = page.getByRole('navigation', { name: 'Tags' });
    await expect
      .poll(() =>
        tags
          .getByRole('button', { name: /^Sanctions/ })
          .first()
          .textContent(),
      )
      .toMatch(/Sanctions\s*1/);

    await tags.getByRole('button', { name: /^Sanctions/ }).click();
    await expect.poll(() => total()).toBe('1 result');
    expect(await results().getByRole('button', { name: SEED_TITLE }).count()).toBe(1);
    expect(await results().getByRole('button', { name: 'Welcome to Dossier' }).count()).toBe(0);
    await screenshot(page, 'tag-filter');
    await tags.getByRole('button', { name: /^Sanctions/ }).click();
    await expect.poll(() => total()).toBe('2 results');

    await page.getByRole('button', { name: 'Remove tag Sanctions' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Remove tag Sanctions' }).count()).toBe(0);
    // The tag stays known (for autocomplete, colour and deletion) with no items.
    await expect
      .poll(() =>
        tags
          .getByRole('button', { name: /^Sanctions/ })
          .first()
          .textContent(),
      )
      .toMatch(/Sanctions\s*0/);
  });

  it('renames a tag from its menu, asks before renaming onto an existing tag, and narrows the results by a facet', async () => {
    const tags = page.getByRole('navigation', { name: 'Tags' });
    await tags.getByRole('button', { name: /^Sanctions/ }).click({ button: 'right' });
    const dialog = page.getByRole('dialog', { name: 'Tag “Sanctions”' });
    await dialog.getByRole('textbox', { name: 'Rename to' }).fill('Foreign policy');
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(() => tags.getByRole('button', { name: /^Foreign policy/ }).count()).toBe(1);
    expect(await tags.getByRole('button', { name: /^Sanctions/ }).count()).toBe(0);

    // Renaming onto a tag that exists is a merge: it asks, and Cancel changes nothing.
    await tags.getByRole('button', { name: 'Tag actions Foreign policy' }).click();
    const again = page.getByRole('dialog', { name: 'Tag “Foreign policy”' });
    await again.getByRole('textbox', { name: 'Rename to' }).fill('diplomacy');
    await again.getByRole('button', { name: 'Rename', exact: true }).click();
    const confirm = again.getByRole('group', { name: 'Confirm merge' });
    await expect
      .poll(() => confirm.textContent())
      .toMatch(/“Diplomacy” exists already\. Merge “Foreign policy” into it/);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await again.getByRole('textbox', { name: 'Rename to' }).fill('Diplomacy');
    await again.getByRole('button', { name: 'Rename', exact: true }).click();
    await again.getByRole('group', { name: 'Confirm merge' }).getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => tags.getByRole('button', { name: /^Foreign policy/ }).count()).toBe(0);
    await expect
      .poll(() =>
        tags
          .getByRole('button', { name: /^Diplomacy/ })
          .first()
          .textContent(),
      )
      .toMatch(/Diplomacy\s*1/);

    await page.getByText('Narrow', { exact: true }).click();
    await page
      .locator('.facet-group')
      .filter({ hasText: 'Sources' })
      .getByRole('button', { name: /^MENAFN/ })
      .click();
    await expect.poll(() => total()).toBe('1 result');
    await page.getByRole('button', { name: 'Remove filter source: MENAFN' }).click();
    await expect.poll(() => total()).toBe('2 results');
  });

  it('imports a file dropped onto the window', async () => {
    const transfer = await page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'text/plain' }));
        return dt;
      },
      { name: 'river.txt', text: DROPPED_TEXT },
    );
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    // The first import starts the import worker (it loads jsdom): allow it a few seconds.
    await expect
      .poll(() => page.getByRole('status', { name: 'Import' }).textContent(), { timeout: 15_000 })
      .toMatch(/Imported 1 item/);
    await expect.poll(() => results().getByRole('button', { name: DROPPED_TITLE, exact: true }).count()).toBe(1);

    // A file no importer understands is named with its reason; nothing else is lost.
    const bad = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([0, 1, 2, 3, 255])], 'mystery.bin', { type: 'application/octet-stream' }));
      return dt;
    });
    await page.dispatchEvent('body', 'drop', { dataTransfer: bad });
    await expect.poll(() => page.getByRole('status', { name: 'Import' }).textContent()).toMatch(/mystery\.bin/);
    await screenshot(page, 'import');
    await page.getByRole('button', { name: 'Dismiss import summary' }).click();
  });

  it('imports several chosen files with progress, naming each one left out', async () => {
    const files = ['Port strike ends after two weeks', 'Bridge reopens to traffic', 'Council approves new library'].map(
      (t, i) => ({
        name: `batch-${i}.md`,
        mimeType: 'text/markdown',
        buffer: Buffer.from(
          `# ${t}\n\nA short report for the batch import test, number ${i}, about ${t.toLowerCase()}.\n`,
        ),
      }),
    );
    files.push({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('') });
    await page.locator('[data-testid="import-input"]').setInputFiles(files);
    const status = page.getByRole('status', { name: 'Import' });
    await expect.poll(() => status.textContent()).toMatch(/Imported 3 items\.\s*1 file left out/);
    expect(await status.textContent()).toContain('empty.txt');
    await expect
      .poll(() => results().getByRole('button', { name: 'Bridge reopens to traffic', exact: true }).count())
      .toBe(1);
    await page.getByRole('button', { name: 'Dismiss import summary' }).click();
  });

  it('never runs script from an imported page', async () => {
    const evil = `<!doctype html><html><head><title>Harbour authority report</title></head><body><article><h1>Harbour authority report</h1>
      <p>The harbour authority published its annual report on shipping volumes, which rose for the third year running.</p>
      <p>Officials said new cranes <img src="x" onerror="window.__pwned = 1"> would be installed next spring.</p>
      <script>window.__pwned = 2</script><p><a href="javascript:window.__pwned = 3">More</a> details were promised.</p></article></body></html>`;
    await page
      .locator('[data-testid="import-input"]')
      .setInputFiles({ name: 'harbour.html', mimeType: 'text/html', buffer: Buffer.from(evil) });
    await expect.poll(() => page.getByRole('status', { name: 'Import' }).textContent()).toMatch(/Imported 1 item/);
    await page.getByRole('button', { name: 'Dismiss import summary' }).click();
    await openFromResults(/Harbour authority report/);
    expect(await article().textContent()).toContain('shipping volumes');
    await article()
      .getByText('More')
      .click()
      .catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await article().locator('script, [onerror], a[href^="javascript"]').count()).toBe(0);
  });

  it('links two items and shows the link from both sides', async () => {
    await openFromResults(DROPPED_TITLE);
    const related = page.getByRole('region', { name: 'Related items' });
    await related.getByRole('searchbox', { name: 'Find an item to link' }).fill('Wang Yi');
    await related
      .getByRole('list', { name: 'Items to link' })
      .getByRole('button', { name: /^Link Wang Yi says/ })
      .click();
    await expect
      .poll(() => related.getByRole('list', { name: 'Linked items' }).getByRole('button', { name: SEED_TITLE }).count())
      .toBe(1);

    await related.getByRole('list', { name: 'Linked items' }).getByRole('button', { name: SEED_TITLE }).click();
    await expect.poll(() => title().textContent()).toMatch(SEED_TITLE);
    const linked = page.getByRole('region', { name: 'Related items' }).getByRole('list', { name: 'Linked items' });
    await expect.poll(() => linked.getByRole('button', { name: DROPPED_TITLE, exact: true }).count()).toBe(1);
    expect(await linked.getByRole('button', { name: 'Welcome to Dossier', exact: true }).count()).toBe(1);
  });

  it('keeps a highlight with a comment and a note across a reload', async () => {
    await expect.poll(() => title().textContent()).toMatch(SEED_TITLE);
    await article().locator('.article-body[data-ready="true"]').waitFor();
    const phrase = 'comprehensive strategic coordination';
    await page.evaluate((phrase) => {
      const body = document.querySelector('.article-body') as HTMLElement;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(phrase);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + phrase.length);
          const selection = document.getSelection() as Selection;
          selection.removeAllRanges();
          selection.addRange(range);
          return;
        }
      }
      throw new Error('phrase not found');
    }, phrase);
    const button = page.getByRole('button', { name: 'Highlight', exact: true });
    await expect.poll(() => button.isEnabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Highlight comment' }).fill('The core claim');
    await button.click();
    await expect.poll(() => article().locator('mark.highlight').allTextContents()).toEqual([phrase]);

    const notes = page.getByRole('region', { name: 'Notes' });
    await notes.getByRole('textbox', { name: 'New note' }).fill('Compare with the **BRICS** summit coverage.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => notes.locator('.note-text strong').textContent()).toBe('BRICS');
    await article()
      .locator('mark.highlight')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.mouse.move(0, 0);
    await screenshot(page, 'highlights-and-notes');

    await page.reload();
    await expect.poll(() => title().textContent()).toMatch(SEED_TITLE);
    await expect.poll(() => article().locator('mark.highlight').allTextContents()).toEqual([phrase]);
    const highlights = page.getByRole('region', { name: 'Highlights' });
    expect(await highlights.textContent()).toContain('The core claim');
    await expect
      .poll(() => page.getByRole('region', { name: 'Notes' }).textContent())
      .toContain('Compare with the BRICS summit coverage.');
  });

  it('exports notes as a download and the file holds them', async () => {
    await page.getByRole('button', { name: 'Export notes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export notes' });
    await dialog.getByRole('radio', { name: 'Everything' }).check();
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption('digest');
    await screenshot(page, 'export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const text = readFileSync((await download.path()) as string, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    expect(text).toContain('comprehensive strategic coordination');
    expect(text).toContain('The core claim');
    expect(text).toContain('BRICS');

    // Only the annotated item gets a file: one Markdown file, not a zip of empty ones.
    expect(text).not.toContain('## River levels rise');
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption('md');
    const [md] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(md.suggestedFilename()).toMatch(/^Wang Yi says.*\.md$/);
    expect(readFileSync((await md.path()) as string, 'utf8')).toMatch(/^---\n[\s\S]*## Notes/);
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/\(1 item\)/);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('is usable from the keyboard', async () => {
    await page.locator('body').click({ position: { x: 5, y: 880 } });
    await page.keyboard.press('/');
    expect(await search().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('river');
    await expect.poll(() => results().getAttribute('data-query')).toBe('river');
    await page.keyboard.press('ArrowDown');
    expect(await results().evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => title().textContent()).toBe(DROPPED_TITLE);
    await page.keyboard.press('Enter');
    await expect.poll(() => article().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await results().evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await expect.poll(() => results().getAttribute('data-query')).toBe('');
    await page.keyboard.press('ArrowDown');
    const first = await title().textContent();
    await page.keyboard.press('j');
    await expect.poll(() => title().textContent()).not.toBe(first);
    await page.keyboard.press('k');
    await expect.poll(() => title().textContent()).toBe(first);

    await page.keyboard.press('t');
    expect(await page.getByRole('textbox', { name: 'Add tag' }).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await page.keyboard.type('keyboard');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Remove tag keyboard' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    expect(await page.getByRole('textbox', { name: 'New note' }).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
  });

  it('deletes an item after one confirmation', async () => {
    await page.keyboard.press('Escape');
    await openFromResults(/Harbour authority report/);
    await article().getByRole('button', { name: 'Delete…' }).click();
    await article().getByRole('button', { name: 'Delete item' }).click();
    await expect
      .poll(() =>
        results()
          .getByRole('button', { name: /Harbour authority report/ })
          .count(),
      )
      .toBe(0);
    expect(await page.getByRole('article').count()).toBe(0);
  });

  it('follows a dark theme and a larger reading size, and remembers them', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'View settings' }).click();
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.getByRole('button', { name: 'Larger text' }).click();
    await page.keyboard.press('Escape');
    const splitter = page.getByRole('separator', { name: 'Resize sidebar' });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await openFromResults(SEED_TITLE);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => title().textContent()).toMatch(/./);
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--reader-size')),
    ).toBe('20px');
    expect(Number(await page.getByRole('separator', { name: 'Resize sidebar' }).getAttribute('aria-valuenow'))).toBe(
      before + 32,
    );
    await screenshot(page, 'dark');
  });
});
