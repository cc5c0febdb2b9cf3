// Saving a tab: captures the page in the tab (see capture.ts) and hands it to Dossier's
// import.page; a tab whose page cannot be read (a browser page, no permission) is saved
// by its address, as a bookmark. Either the item is saved whole or nothing is.

import { ext } from './browser';
import { call, type Outcome, type SavedPage } from './dossier';
import { capturePage, type CapturedPage } from './capture';

const LIMITS = { maxImageBytes: 5 * 1024 * 1024, maxTotalBytes: 25 * 1024 * 1024 };

export interface SaveOptions {
  tags?: string[];
  bookmarkOnly?: boolean;
}

function isWebPage(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

async function capture(tabId: number): Promise<CapturedPage | null> {
  try {
    const [result] = await ext.scripting.executeScript({ target: { tabId }, func: capturePage, args: [LIMITS] });
    return (result?.result as CapturedPage | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Saves the page in `tab`; `selection` overrides the one read from the page (context menu). */
export async function saveTab(
  tab: chrome.tabs.Tab,
  options: SaveOptions = {},
  selection?: string,
): Promise<Outcome<SavedPage>> {
  if (tab.id === undefined)
    return { ok: false, error: { code: 'invalid_argument', message: 'There is no page to save here.' } };
  const page = options.bookmarkOnly ? null : await capture(tab.id);
  const url = page?.url ?? tab.url;
  if (!isWebPage(url))
    return { ok: false, error: { code: 'invalid_argument', message: 'Only web pages (http and https) can be saved.' } };
  const tags = options.tags?.length ? options.tags : undefined;
  if (page === null) return call<SavedPage>('import.page', { url, title: tab.title ?? url, bookmarkOnly: true, tags });
  const chosen = (selection ?? page.selection).slice(0, 20_000);
  return call<SavedPage>('import.page', {
    url,
    title: page.title,
    html: page.html,
    selection: chosen || undefined,
    tags,
  });
}

/** Splits what the reader typed into tags: commas separate, spaces may be inside a tag. */
export function parseTags(input: string): string[] {
  return [
    ...new Set(
      input
        .split(',')
        .map((t) => t.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    ),
  ];
}
