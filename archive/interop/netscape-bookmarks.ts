// Reads the Netscape bookmark file every browser and bookmarking service exports
// (Firefox, Chrome, IE, Safari, Google, Delicious, Shaarli, Scuttle). Folders become tags
// alongside the TAGS attribute; ADD_DATE (any epoch unit) becomes `added`; a <DD> (or a
// description attribute) the excerpt. Entries that are not web addresses are skipped with
// a reason, except Shaarli's own notes (relative links with text), which become notes.

import { htmlDocument } from './html-dom';
import { decodeHtml } from './charset';
import { keep, makeDraft, splitTags, str, webUrl, withWebAddress } from './draft';
import { extension } from './json-source';
import { fromEpoch, normaliseDate } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

/** Browser root folders are places, not topics: they do not become tags. */
const ROOT_FOLDER_ATTRIBUTES = ['personal_toolbar_folder', 'unfiled_bookmarks_folder'];

interface Pending {
  anchor: Element;
  /** The folders it sits in, taken when the link is met: its <DD> may come after the folder closes. */
  folders: string[];
  title: string;
  href: string;
}

function ownText(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const nested of Array.from(clone.querySelectorAll('dl, dt'))) nested.remove();
  return (clone.textContent ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

export function parseNetscapeBookmarks(bytes: Uint8Array): ParsedFile {
  const { text } = decodeHtml(bytes);
  const dom = htmlDocument(text, { what: 'the bookmarks file' });
  const out: ParsedFile = { drafts: [], skipped: [] };
  const folders: Array<string | null> = [];
  let pendingFolder: string | null = null;
  let last: Pending | null = null;

  const finish = (entry: Pending | null, description: string | null): void => {
    if (entry === null) return;
    const a = entry.anchor;
    const url = webUrl(entry.href);
    const excerpt = description ?? str(a.getAttribute('description'));
    const common = {
      title: entry.title || url,
      tags: [...entry.folders, ...splitTags(a.getAttribute('tags') ?? '')],
      added: fromEpoch(a.getAttribute('add_date')) ?? normaliseDate(a.getAttribute('add_date')),
    };
    if (url === null && excerpt !== null && entry.href !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(entry.href)) {
      // Shaarli exports its text-only notes as relative links ("?lY47tw").
      out.drafts.push(makeDraft({ ...common, kind: 'note', text: excerpt }));
    } else {
      keep(
        out,
        entry.title || entry.href || '(untitled)',
        withWebAddress(entry.href, (href) => makeDraft({ ...common, kind: 'bookmark', url: href, excerpt })),
      );
    }
  };

  const visit = (parent: Element, inDescription: boolean): void => {
    for (const child of Array.from(parent.children)) {
      const tag = child.localName;
      if (tag === 'h3') {
        finish(last, null);
        last = null;
        const root = ROOT_FOLDER_ATTRIBUTES.some((attr) => child.hasAttribute(attr));
        pendingFolder = root ? null : str(child.textContent);
      } else if (tag === 'dl') {
        folders.push(pendingFolder);
        pendingFolder = null;
        visit(child, false);
        folders.pop();
      } else if (tag === 'a' && !inDescription) {
        finish(last, null);
        last = {
          anchor: child,
          folders: folders.filter((f): f is string => f !== null),
          title: (child.textContent ?? '').replace(/\s+/g, ' ').trim(),
          href: (child.getAttribute('href') ?? '').trim(),
        };
      } else if (tag === 'dd') {
        const description = ownText(child);
        if (last !== null) {
          finish(last, description === '' ? null : description);
          last = null;
        }
        visit(child, true);
      } else visit(child, inDescription);
    }
  };
  try {
    visit(dom.window.document.documentElement, false);
    finish(last, null);
  } finally {
    dom.window.close();
  }
  return out;
}

export function looksLikeNetscapeBookmarks(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024));
  return /<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(head) || /<dt>\s*<a\s[^>]*\badd_date\s*=/i.test(head);
}

export const netscapeBookmarksImporter: Importer = {
  format: 'netscape-bookmarks',
  accepts: (file: SourceFile) =>
    ['html', 'htm', ''].includes(extension(file.name)) && looksLikeNetscapeBookmarks(file.bytes),
  parse(file: SourceFile): ParsedFile {
    const parsed = parseNetscapeBookmarks(file.bytes);
    if (parsed.drafts.length === 0 && parsed.skipped.length === 0) throw new Error(`no bookmarks in ${file.name}`);
    return parsed;
  },
};
