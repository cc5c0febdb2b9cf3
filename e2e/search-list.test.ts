// The results list in Chromium against `dossier serve`: a new query shows its list from the
// top even when the item open in the reader is further down it, and a query read otherwise
// than typed says so above the list.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  buildRendererIfStale,
  chromiumOrSkip,
  launchBrowser,
  openPage,
  removeArchive,
  ROOT,
  startServe,
  type Served,
} from './harness';

const executable = chromiumOrSkip({ quiet: true });

describe.skipIf(!executable)('the results list', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const results = () => page.getByRole('list', { name: 'Results' });
  const search = () => page.getByRole('searchbox', { name: 'Search the archive' });
  const scrollTop = () => page.locator('.results-scroll').evaluate((el) => el.scrollTop);

  beforeAll(async () => {
    // Thirty harbour reports; the one about the lighthouse names the harbour only once, so
    // it ranks far down the list for "harbour".
    const files = mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-files-'));
    const paths: string[] = [];
    for (let i = 0; i < 30; i++) {
      const p = path.join(files, `report-${i}.txt`);
      const body =
        i === 29
          ? 'The old lighthouse was repainted. It stands at the harbour mouth.'
          : `The harbour board met. Harbour fees rose and the harbour master resigned, report ${i} says.`;
      writeFileSync(p, `Harbour report ${i}\n\n${body}\n`);
      paths.push(p);
    }
    const archive = mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-'));
    const imported = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'dossier.mjs'), 'import', ...paths, '--archive', archive],
      { cwd: ROOT, encoding: 'utf8' },
    );
    rmSync(files, { recursive: true, force: true });
    if (imported.status !== 0) throw new Error(imported.stderr);
    await buildRendererIfStale();
    served = await startServe(archive);
    browser = await launchBrowser(executable as string);
    ({ page } = await openPage(browser, { viewport: { width: 1400, height: 800 } }));
    await page.goto(served.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (served) {
      await served.stop();
      removeArchive(served.archive);
    }
  });

  it('opens a new query at the top, even when the open item is further down', async () => {
    await search().fill('lighthouse');
    await expect.poll(() => results().getAttribute('data-query')).toBe('lighthouse');
    await results().getByRole('button', { name: 'Harbour report 29' }).first().click();
    await expect
      .poll(() => page.getByRole('article').getByRole('heading', { level: 1 }).textContent())
      .toBe('Harbour report 29');

    await search().fill('harbour');
    await expect.poll(() => results().getAttribute('data-query')).toBe('harbour');
    await expect.poll(() => page.locator('.results-total').textContent()).toMatch(/^31 results$|^30 results$/);
    // The open item is still marked where the list has it, but the list starts at hit 1.
    expect(await scrollTop()).toBe(0);
    expect(await results().locator('[data-index="0"]').isVisible()).toBe(true);
  });

  it('says above the list how a pasted passage was read', async () => {
    await search().fill('The harbour board met - "Harbour fees rose" and the harbour master resigned');
    await expect.poll(() => page.locator('.results-notice').textContent()).toMatch(/plain words/);
  });
});
