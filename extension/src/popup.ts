// The toolbar popup: pairs the browser with Dossier, saves the page in the tab (or only its
// address, or every tab of the window with progress), then shows what Dossier kept, with
// tags to add and "Open in Dossier". Every failure is one sentence in the popup.

import { ext } from './browser';
import { DEFAULT_PORT, NOT_RUNNING, call, connection, openItem, pair, status, unpair, type SavedPage } from './dossier';
import { parseTags, saveTab } from './save';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const views = ['pair', 'save', 'saved'] as const;

function showView(view: (typeof views)[number] | null): void {
  for (const v of views) $(v).hidden = v !== view;
  $('unpair').hidden = view === 'pair';
}

function say(text: string, error = false): void {
  const message = $('message');
  message.textContent = text;
  message.className = error ? 'error' : '';
}

function busy(on: boolean): void {
  for (const b of Array.from(document.querySelectorAll('button'))) b.disabled = on;
}

/** The tab to save: `?tab=<id>` when the popup is opened as a page, else the active tab. */
async function targetTab(): Promise<chrome.tabs.Tab | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null) return ext.tabs.get(Number(param)).catch(() => null);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab ?? null;
}

let saved: SavedPage | null = null;
let savedTags: string[] = [];

function showSaved(page: SavedPage, tags: string[]): void {
  saved = page;
  savedTags = tags;
  $('saved-label').textContent = page.created
    ? page.kind === 'bookmark'
      ? 'Saved as a bookmark'
      : 'Saved'
    : 'Already in Dossier';
  $('saved-title').textContent = page.title;
  $('saved-tags').textContent = savedTags.length ? `Tags: ${savedTags.join(', ')}` : '';
  say([page.highlighted ? 'The selected passage is highlighted.' : '', page.note ?? ''].filter(Boolean).join(' '));
  showView('saved');
  $<HTMLInputElement>('more-tags').focus();
}

async function saveOne(tab: chrome.tabs.Tab, bookmarkOnly: boolean): Promise<void> {
  busy(true);
  say('Saving…');
  const tags = parseTags($<HTMLInputElement>('tags').value);
  const outcome = await saveTab(tab, { tags, bookmarkOnly });
  busy(false);
  if (!outcome.ok) return void say(outcome.error.message, true);
  const view = await call<{ tags: string[] }>('items.get', { id: outcome.value.id });
  showSaved(outcome.value, view.ok ? view.value.tags : tags);
}

async function saveAll(): Promise<void> {
  // This popup opened as a tab of its own is never one to save; Chromium hides even its
  // address from us without the "tabs" permission, which must not make us ask for it.
  const self = (await ext.tabs.getCurrent().catch(() => undefined))?.id;
  const windowTabs = async () => (await ext.tabs.query({ currentWindow: true })).filter((t) => t.id !== self);
  let all = await windowTabs();
  // Other tabs' addresses need the "tabs" permission, asked for only now and only if some
  // are hidden from us (Dossier's own 127.0.0.1 pages never are).
  if (all.some((t) => t.url === undefined) && !(await ext.permissions.contains({ permissions: ['tabs'] }))) {
    say('Allow Dossier to read the addresses of this window’s tabs…');
    const granted = await ext.permissions.request({ permissions: ['tabs'] }).catch(() => false);
    if (!granted) return void say('Saving all tabs needs permission to read their addresses.', true);
    all = await windowTabs();
  }
  const tabs = all.filter((t) => /^https?:\/\//i.test(t.url ?? ''));
  if (tabs.length === 0) return void say('No web pages are open in this window.', true);
  const tags = parseTags($<HTMLInputElement>('tags').value);
  const progress = $<HTMLProgressElement>('progress');
  progress.hidden = false;
  progress.max = tabs.length;
  busy(true);
  let done = 0;
  let failed = 0;
  let bookmarks = 0;
  for (const tab of tabs) {
    say(`Saving ${done + 1} of ${tabs.length}…`);
    const outcome = await saveTab(tab, { tags });
    if (!outcome.ok && outcome.error.code === 'not_running') {
      busy(false);
      return void say(`${NOT_RUNNING} ${done} of ${tabs.length} were saved.`, true);
    }
    if (!outcome.ok) failed++;
    else if (outcome.value.kind === 'bookmark') bookmarks++;
    progress.value = ++done;
  }
  busy(false);
  const parts = [`Saved ${done - failed} of ${tabs.length} tabs.`];
  if (bookmarks) parts.push(`${bookmarks} as bookmarks (pages this extension may not read; Dossier can fetch them).`);
  if (failed) parts.push(`${failed} could not be saved.`);
  say(parts.join(' '), failed > 0);
}

async function start(): Promise<void> {
  const { port } = await connection();
  $<HTMLInputElement>('port').value = String(port || DEFAULT_PORT);
  const tab = await targetTab();
  $('page-title').textContent = tab?.title ?? '';

  $('pair').addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      busy(true);
      const outcome = await pair(Number($<HTMLInputElement>('port').value), $<HTMLInputElement>('code').value);
      busy(false);
      if (!outcome.ok) return say(outcome.error.message, true);
      say('Paired with Dossier.');
      showView('save');
    })();
  });
  $('save-page').addEventListener('click', () => tab && void saveOne(tab, false));
  $('save-bookmark').addEventListener('click', () => tab && void saveOne(tab, true));
  $('save-all').addEventListener('click', () => void saveAll());
  $('retag').addEventListener('submit', (event) => {
    event.preventDefault();
    const tags = parseTags($<HTMLInputElement>('more-tags').value);
    if (!saved || tags.length === 0) return;
    void (async () => {
      const outcome = await call<{ tags: string[] }>('tags.add', { id: saved!.id, tags });
      if (!outcome.ok) return say(outcome.error.message, true);
      $<HTMLInputElement>('more-tags').value = '';
      showSaved(saved!, outcome.value.tags);
    })();
  });
  $('open').addEventListener('click', () => {
    if (!saved) return;
    void (async () => {
      const outcome = await openItem(saved!.id);
      if (!outcome.ok) return say(outcome.error.message, true);
      if (outcome.value.url) await ext.tabs.create({ url: outcome.value.url });
      window.close();
    })();
  });
  $('unpair').addEventListener('click', () => {
    void unpair().then(() => {
      say('');
      showView('pair');
    });
  });

  const state = await status();
  if (state.ok) {
    showView('save');
    $<HTMLButtonElement>('save-page').focus();
  } else if (state.error.code === 'not_paired') {
    showView('pair');
    if ((await connection()).token) say(state.error.message, true);
  } else {
    showView(null);
    say(state.error.message, true);
  }
}

void start();
