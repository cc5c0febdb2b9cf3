// Saves a page a browser sends (its rendered HTML, address, title, the reader's selection):
// the article is extracted by the same web-page import as files and goes in through
// importDrafts; a page already in the archive (same canonical URL or same text) is never
// added twice: the selection becomes a highlight and the tags are added on the item it has.

import type { Archive } from '../core/archive';
import type { Item } from '../core/model';
import type { ImportDraft } from '../interop/types';
import { makeDraft } from '../interop/draft';
import { importDrafts } from './importing';
import { textHash } from '../core/text-stats';
import { duplicateIndex } from '../core/duplicate-index';
import { tagItem } from '../core/tagging';
import { createHighlight } from '../core/highlights';
import { locatePassage } from '../core/passage';
import { invalid } from '../core/errors';

export interface PageInput {
  url: string;
  title: string;
  html?: string;
  selection?: string;
  tags?: string[];
  bookmarkOnly?: boolean;
}

export interface SavedPage {
  id: string;
  title: string;
  kind: Item['kind'];
  /** False when the page was already in the archive. */
  created: boolean;
  /** Whether the selection is now a highlight on the item (new or already there). */
  highlighted: boolean;
  /** Why the page was kept as a bookmark although its content was sent, if it was. */
  note: string | null;
}

/** Extracts the article from a page's HTML; throws with a one-line reason when there is none. */
export type ParsePage = (html: string, url: string) => Promise<ImportDraft> | ImportDraft;

export async function savePage(archive: Archive, input: PageInput, parse: ParsePage): Promise<SavedPage> {
  const duplicates = duplicateIndex(archive);
  let item = duplicates.duplicateOf(input.url, null);
  let created = false;
  let note: string | null = null;
  if (item === null) {
    let draft: ImportDraft | null = null;
    if (!input.bookmarkOnly && input.html) {
      try {
        draft = await parse(input.html, input.url);
      } catch (error) {
        note = `${(error as Error).message.split('\n')[0]}; kept as a bookmark`;
      }
    }
    if (draft !== null) {
      item = duplicates.duplicateOf(draft.url, textHash(draft.text));
    }
    if (item === null) {
      const toAdd =
        draft ??
        makeDraft({
          kind: 'bookmark',
          title: input.title.trim() || input.url,
          url: input.url,
          source: new URL(input.url).hostname.replace(/^www\./, ''),
        });
      toAdd.tags = [...toAdd.tags, ...(input.tags ?? [])];
      const summary = await importDrafts(archive, input.url, { drafts: [toAdd], skipped: [] });
      if (summary.imported.length === 0)
        throw invalid(`Could not save ${input.url}: ${summary.skipped[0]?.reason ?? 'unknown reason'}.`);
      item = archive.item(summary.imported[0]);
      created = true;
    }
  }
  if (!created && input.tags?.length) tagItem(archive, item.id, input.tags);
  const highlighted = input.selection?.trim() ? await highlightSelection(archive, item, input.selection) : false;
  return { id: item.id, title: item.title, kind: item.kind, created, highlighted, note };
}

/** Makes the selection a highlight unless the item already has that very passage highlighted. */
async function highlightSelection(archive: Archive, item: Item, selection: string): Promise<boolean> {
  if (!item.content.text) return false;
  const text = (await archive.store.readContent(item.id, 'txt')) ?? '';
  const at = locatePassage(text, selection);
  if (at === null) return false;
  const already = archive.data.highlights.some((h) => h.itemId === item.id && h.start === at.start && h.end === at.end);
  if (!already)
    await createHighlight(archive, {
      itemId: item.id,
      quote: text.slice(at.start, at.end),
      start: at.start,
      end: at.end,
    });
  return true;
}
