// Turns bookmarks into articles (and fetches an article again): each item's address is
// fetched and extracted like an imported page, its body stored and its metadata filled in
// where it was empty. Politely: one page at a time, a pause between pages of one site.
// An item whose page cannot be had is left exactly as it was, with the reason reported.

import type { Archive } from '../core/archive';
import type { ImportDraft } from '../interop/types';
import { countWords, excerptOf, textHash } from '../core/text-stats';
import type { FetchResult } from '../core/reports';
import { collectImages, type ImageSource } from '../interop/page-images';

/** Fetches one address and extracts it (the web-page importer, injected by the caller). */
export type PageFetcher = (url: string) => Promise<ImportDraft[]>;

export type { FetchResult };

export interface FetchOptions {
  /** Where the pages' images come from (the network). */
  images?: ImageSource;
  onProgress?: (done: number, total: number) => void;
  /** The pause between two requests to the same site. */
  sameSiteGapMs?: number;
}

/** The items "Fetch all bookmarks" means: bookmarks with an address and no text. */
export function bookmarkIds(archive: Archive): string[] {
  return archive.data.items.filter((i) => i.kind === 'bookmark' && i.url && !i.content.text).map((i) => i.id);
}

export async function fetchArticles(
  archive: Archive,
  ids: readonly string[],
  fetchPage: PageFetcher,
  options: FetchOptions = {},
): Promise<FetchResult[]> {
  const gap = options.sameSiteGapMs ?? 1_000;
  const lastVisit = new Map<string, number>();
  const results: FetchResult[] = [];
  const unique = [...new Set(ids)];
  for (const [n, id] of unique.entries()) {
    results.push(await fetchOne(archive, id, fetchPage, lastVisit, gap, options.images ?? {}));
    options.onProgress?.(n + 1, unique.length);
  }
  return results;
}

async function fetchOne(
  archive: Archive,
  id: string,
  fetchPage: PageFetcher,
  lastVisit: Map<string, number>,
  gap: number,
  images: ImageSource,
): Promise<FetchResult> {
  if (!archive.has(id)) return { id, title: id, ok: false, message: 'It is no longer in the archive.' };
  const before = archive.item(id);
  const fail = (message: string): FetchResult => ({ id, title: before.title, ok: false, message });
  if (!before.url) return fail('It has no web address to fetch.');
  const host = new URL(before.url).host;
  const wait = (lastVisit.get(host) ?? -Infinity) + gap - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastVisit.set(host, Date.now());
  let draft: ImportDraft | undefined;
  try {
    [draft] = await fetchPage(before.url);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    // A sentence, but never "Http://…": an address stays as it is.
    return fail(/^https?:/.test(reason) ? `${reason}.` : `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`);
  }
  if (!draft || !draft.text.trim()) return fail('The page has no article text that Dossier could find.');
  if (!archive.has(id)) return fail('It was deleted while its page was being fetched.');

  const kept = draft.html ? await collectImages(draft.html, draft.url ?? before.url, images) : null;
  const store = archive.store;
  await store.writeAssets(id, kept?.images ?? []);
  await store.writeContent(id, 'txt', draft.text);
  if (kept) await store.writeContent(id, 'html', kept.html);
  else await store.removeHtml(id);
  const item = archive.item(id);
  const oldWords = item.wordCount;
  const placeholder = !item.title.trim() || item.title === item.url || /^untitled$/i.test(item.title);
  if (placeholder && draft.title) item.title = draft.title.replace(/\s+/g, ' ').trim();
  item.kind = item.kind === 'bookmark' ? 'article' : item.kind;
  item.byline ??= draft.byline;
  item.source ??= draft.source;
  item.published ??= draft.published;
  if (draft.language) item.language = draft.language;
  item.excerpt = item.excerpt || draft.excerpt || excerptOf(draft.text);
  item.wordCount = countWords(draft.text);
  item.textHash = textHash(draft.text);
  item.content = { text: true, html: Boolean(draft.html) };
  item.assets = [...new Set([...item.assets, ...(kept?.images ?? []).map((i) => i.name)])];
  archive.commit(item, draft.text);
  return {
    id,
    title: item.title,
    ok: true,
    message: `${oldWords.toLocaleString('en')} → ${item.wordCount.toLocaleString('en')} words`,
  };
}
