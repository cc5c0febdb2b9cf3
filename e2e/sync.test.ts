// Sync in the app, in Chromium against `dossier serve`: the Sync folder is chosen in the UI;
// an edit made on a second archive (another machine, here the CLI on another folder) synced
// to the same folder arrives by itself and the status line says so; a title changed on both
// machines shows in the conflicts view, and keeping one value settles it on both sides.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { blocking, runAxe } from './axe';
import {
  apiValue,
  buildRendererIfStale,
  chromiumOrSkip,
  launchBrowser,
  removeArchive,
  ROOT,
  screenshot,
  startServe,
  type Served,
} from './harness';

const executable = chromiumOrSkip({ quiet: true });

/** The other machine: the `dossier` command on its own archive. */
function laptop(archive: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'dossier.mjs'), ...args, '--archive', archive],
      { env: { ...process.env, DOSSIER_SYNC_PASSPHRASE: '' } },
      (error, stdout, stderr) => (error ? reject(new Error(`dossier ${args.join(' ')}: ${stderr}`)) : resolve(stdout)),
    );
  });
}

const STORY = 'Harbour lights return to the old port';

describe.skipIf(!executable)('sync in the app', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let tmp: string;
  let folder: string;
  let other: string;
  const pageErrors: string[] = [];

  const statusLine = () => page.locator('.sync-line');
  const results = () => page.getByRole('list', { name: 'Results' });
  const dialog = () => page.getByRole('dialog', { name: 'Sync' });

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-sync-'));
    folder = path.join(tmp, 'Sync');
    other = path.join(tmp, 'laptop');
    await buildRendererIfStale();
    // Short timers, so that a round after an edit and one on the timer come within the test.
    process.env.DOSSIER_SYNC_DEBOUNCE_MS = '300';
    process.env.DOSSIER_SYNC_INTERVAL_MS = '1500';
    served = await startServe();
    // An article only this machine has (the seed items of two new archives merge with each other).
    const text = `${STORY}\n\n${'The harbour lights were restored by volunteers over the winter. '.repeat(20)}\n`;
    await apiValue(served, 'import.files', {
      files: [{ name: 'harbour.txt', data: Buffer.from(text).toString('base64') }],
    });
    browser = await launchBrowser(executable as string);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(served.url);
    await results().locator('.result').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    expect(await served?.stop()).toBe(0);
    removeArchive(served.archive);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is set up in the UI, brings the other machine’s edit, and settles a conflict by choosing', async () => {
    // The welcome note is open: the laptop's own welcome note merges with it (one of the two ids goes).
    await results()
      .getByRole('button', { name: /Welcome to Dossier/ })
      .click();
    await page
      .getByRole('article')
      .getByRole('heading', { level: 1, name: /Welcome to Dossier/ })
      .waitFor();
    await statusLine().getByRole('button', { name: 'Set up sync' }).click();
    await dialog()
      .getByRole('textbox', { name: /Sync folder/ })
      .fill(folder);
    await screenshot(page, 'sync-setup', { docs: false });
    expect(blocking(await runAxe(page))).toEqual([]);
    await dialog().getByRole('button', { name: 'Start syncing' }).click();
    await expect
      .poll(() => dialog().locator('.sync-status').textContent(), { timeout: 20_000 })
      .toMatch(/^Synced just now(: sent \d+ changes?\.|\. Before that: sent \d+ changes? \(just now\)\.)$/);
    await expect.poll(() => dialog().locator('.sync-target').textContent()).toBe(`Syncs with ${folder}`);
    await dialog().getByRole('button', { name: 'Done' }).click();

    // The other machine joins, retitles the seed article and syncs.
    await laptop(other, 'sync', '--folder', folder);
    const seed = ((await apiValue(served, 'items.list', {})).items as Array<{ id: string; title: string }>).find(
      (i) => i.title === STORY,
    )!;
    await laptop(other, 'edit', seed.id, '--title', 'Retitled on the laptop');
    await laptop(other, 'sync');
    // A round on the app's timer brings it; the list follows and the status line says what came.
    await results()
      .getByRole('button', { name: /Retitled on the laptop/ })
      .waitFor({ timeout: 20_000 });
    await expect
      .poll(() => statusLine().textContent(), { timeout: 10_000 })
      .toMatch(/Synced just now(: |\. Before that: )(sent \d+ changes?, )?received \d+ changes?/);
    // Whichever id the merged welcome note kept, the reader shows it or closes; never an error.
    // (The reader asks again on the same change event as the list: give its answer a moment.)
    await page.waitForTimeout(500);
    expect(await page.locator('.reader-pane .error-text').count()).toBe(0);
    expect((await apiValue(served, 'search.query', { q: 'laptop' })).hits.map((h: { id: string }) => h.id)).toEqual([
      seed.id,
    ]);

    // Both machines change the title before seeing each other's change. (The laptop syncs only
    // after both edits: the app's rounds run every 1.5 s here, and one that came between a sync
    // and the desktop's edit would bring the laptop's title first, leaving nothing in conflict.)
    await laptop(other, 'edit', seed.id, '--title', 'The laptop’s title');
    await apiValue(served, 'items.update', { id: seed.id, patch: { title: 'The desktop’s title' } });
    await laptop(other, 'sync');
    const conflicts = statusLine().getByRole('button', { name: '1 field changed on both machines' });
    await conflicts.waitFor({ timeout: 20_000 });
    await conflicts.click();
    const section = dialog().getByRole('region', { name: 'Changed on both machines' });
    await section.getByText(/title changed on both machines/).waitFor();
    const values = await section.locator('.sync-value-text').allTextContents();
    expect(values.sort()).toEqual(['“The desktop’s title”', '“The laptop’s title”']);
    await screenshot(page, 'sync-conflict', { docs: false });
    expect(blocking(await runAxe(page))).toEqual([]);

    await section.getByRole('button', { name: /^Keep this: “The laptop’s title” as the title of/ }).click();
    await section.getByText(/Nothing to choose/).waitFor();
    expect((await apiValue(served, 'items.get', { id: seed.id })).title).toBe('The laptop’s title');
    await expect.poll(() => statusLine().locator('.sync-line-conflicts').count()).toBe(0);
    // Send the choice now rather than on the timer.
    await dialog().getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => dialog().locator('.sync-status').textContent(), { timeout: 20_000 })
      .toMatch(/^Synced just now(: |\. Before that: )sent \d+ changes?/);
    await dialog().getByRole('button', { name: 'Done' }).click();
    await results()
      .getByRole('button', { name: /The laptop’s title/ })
      .waitFor();
    // The choice goes out with the app's next round; the laptop settles on it too.
    await expect
      .poll(
        async () => {
          await laptop(other, 'sync');
          return JSON.parse(await laptop(other, 'show', seed.id, '--json')).title;
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe('The laptop’s title');
    expect(JSON.parse(await laptop(other, 'sync', 'conflicts', '--json')).conflicts).toEqual([]);
    await screenshot(page, 'sync-status', { docs: false });

    // An open item that goes away elsewhere (deleted, or merged away by sync) closes the reader.
    const { id: scratch } = await apiValue(served, 'items.createNote', { title: 'A scratch note', text: 'Gone soon.' });
    await results()
      .getByRole('button', { name: /A scratch note/ })
      .click();
    await page.getByRole('article').getByRole('heading', { level: 1, name: 'A scratch note' }).waitFor();
    await apiValue(served, 'items.delete', { id: scratch });
    await page.getByRole('article').waitFor({ state: 'detached' });
    expect(await page.locator('.reader-pane .error-text').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
