// What every end-to-end test needs: a Chromium to drive (or a clear skip when there is
// none), a freshly built renderer, and `dossier serve` running as a child process on a
// temporary archive, with its address read from the first line it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Where screenshots go: test-results/ on every run, and the tracked docs/screenshots/
 * only when `npm run screenshots` asks for it (DOSSIER_SCREENSHOTS=docs).
 */
const TEST_SHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const SCREENSHOTS =
  process.env.DOSSIER_SCREENSHOTS === 'docs' ? path.join(ROOT, 'docs', 'screenshots') : TEST_SHOTS;
const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** CHROMIUM_PATH, then Debian's Chromium, then a browser Playwright already has. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here
  }
  return candidates.find((p): p is string => Boolean(p) && existsSync(p as string)) ?? null;
}

export const INSTALL_HINT =
  'end-to-end tests skipped: no Chromium found (install one with `apt-get install -y chromium`, or set CHROMIUM_PATH)';

/**
 * Whether the suite can run. Without a browser it fails under CI=true (a CI that silently
 * skips its UI tests is not testing the UI) and otherwise skips, saying how to get one.
 */
export function chromiumOrSkip({ quiet = false } = {}): string | null {
  const found = findChromium();
  if (found) return found;
  if (process.env.CI === 'true')
    throw new Error(`No Chromium found and CI=true: ${INSTALL_HINT.replace('end-to-end tests skipped: ', '')}`);
  // One line for the whole suite: only the main file says it.
  if (!quiet) console.warn(INSTALL_HINT);
  return null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds out/renderer when it is missing or older than any renderer source file. */
export async function buildRendererIfStale(): Promise<void> {
  const index = path.join(RENDERER_OUT, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(path.join(ROOT, 'renderer'))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

export interface Served {
  url: string;
  origin: string;
  token: string;
  archive: string;
  firstLine: string;
  stderr: () => string;
  /** Sends SIGTERM (or the signal given) and returns the exit code; 0 means it flushed and closed. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts `dossier serve --port 0` on a new temporary archive. */
export async function startServe(archive = mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-'))): Promise<Served> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'dossier.mjs'), 'serve', '--archive', archive, '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`dossier serve printed no address in 60 s; stderr:\n${stderr}`)),
      60_000,
    );
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dossier serve exited with ${code} before printing its address; stderr:\n${stderr}`));
    });
  });
  const match = firstLine.match(/^Dossier is serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/);
  if (!match) throw new Error(`unexpected first line from dossier serve: ${firstLine}`);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    url: match[2],
    origin: `http://127.0.0.1:${match[3]}`,
    token: match[4],
    archive,
    firstLine,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** The seed article's title, as the library lists it. */
export const SEED_TITLE = /^Wang Yi says China–Russia relationship/;

/** A page in a context of its own, waiting up to 8 s for each action (a loaded machine is slow, not wrong). */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  return { context, page };
}

/**
 * Saves a screenshot of the page under SCREENSHOTS; `docs: false` keeps one that the
 * README does not show (a check for a person to look at) in test-results/ always.
 */
export async function screenshot(page: Page, name: string, { docs = true } = {}): Promise<void> {
  const dir = docs ? SCREENSHOTS : TEST_SHOTS;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

export function removeArchive(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Calls one contract method on a running `dossier serve`, as the page would. */
export async function api(served: Served, method: string, args: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${served.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': served.token, ...headers },
    body: JSON.stringify(args),
  });
  return {
    status: response.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own method's value
    body: (await response.json()) as { ok: boolean; value?: any; error?: { message: string } },
  };
}

/** The value of a contract call that must succeed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function apiValue(served: Served, method: string, args: unknown): Promise<any> {
  const { body } = await api(served, method, args);
  if (!body.ok) throw new Error(`${method} failed: ${body.error?.message}`);
  return body.value;
}
