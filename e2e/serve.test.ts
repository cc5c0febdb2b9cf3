// `dossier serve` as a process: its first line, the headers its page carries, what a page
// without the token sees, and a clean shutdown on SIGINT that leaves every change on disk.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  ROOT,
  api,
  buildRendererIfStale,
  chromiumOrSkip,
  launchBrowser,
  removeArchive,
  startServe,
  type Served,
} from './harness';

const executable = chromiumOrSkip({ quiet: true });

describe.skipIf(!executable)('dossier serve', () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    await buildRendererIfStale();
    served = await startServe();
    browser = await launchBrowser(executable as string);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (served) removeArchive(served.archive);
  });

  it('prints exactly where it serves, on 127.0.0.1 with a token, as its first line', () => {
    expect(served.firstLine).toBe(`Dossier is serving ${served.archive} at ${served.origin}/?token=${served.token}`);
    expect(served.token.length).toBeGreaterThanOrEqual(32);
  });

  it('sends the page with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${served.origin}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('shows a page opened without the token a sentence, not a stack trace, and lets it change nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${served.origin}/`);
    await expect
      .poll(() =>
        page
          .locator('.error-text')
          .first()
          .textContent()
          .catch(() => ''),
      )
      .toMatch(/session token/);
    expect(await page.content()).not.toMatch(/at \w+ \(.*:\d+:\d+\)/);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('refuses an API call from another origin', async () => {
    const refused = await api(served, 'archive.info', {}, { Origin: 'http://evil.example' }).catch(() => null);
    expect(refused === null || refused.status === 403).toBe(true);
    const raw = await fetch(`${served.origin}/api/archive.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': served.token, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(raw.status).toBe(403);
  });

  it('flushes the archive and exits 0 on SIGINT, keeping every change', async () => {
    const other = await startServe();
    try {
      const hits = await api(other, 'search.query', { q: 'Wang Yi' });
      const id = hits.body.value.hits[0].id as string;
      expect((await api(other, 'tags.add', { id, tags: ['kept-after-exit'] })).body.ok).toBe(true);
      expect((await api(other, 'notes.create', { itemId: id, text: 'Written just before SIGINT.' })).body.ok).toBe(
        true,
      );
      const code = await other.stop('SIGINT');
      expect(code).toBe(0);
      const show = spawnSync(
        process.execPath,
        [path.join(ROOT, 'bin', 'dossier.mjs'), 'show', id, '--archive', other.archive, '--json'],
        { encoding: 'utf8' },
      );
      expect(show.status).toBe(0);
      expect(show.stdout).toContain('kept-after-exit');
      expect(show.stdout).toContain('Written just before SIGINT.');
    } finally {
      await other.stop();
      removeArchive(other.archive);
    }
  });
});
