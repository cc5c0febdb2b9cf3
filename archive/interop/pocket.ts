// Reads Pocket's two exports: ril_export.html (sections "Unread" / "Read Archive", links
// with time_added and comma-separated tags) and the newer CSV (title, url, time_added,
// tags separated by "|", status). Pocket exports no content, so every entry is a bookmark;
// archived entries are marked read at the time they were added (Pocket gives no read time).

import { htmlDocument } from './html-dom';
import { decodeHtml } from './charset';
import { collect, entryLabel, makeDraft, splitTags, withWebAddress } from './draft';
import { parseCsvRecords } from './csv';
import { extension, readText } from './json-source';
import { fromEpoch } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

export const pocketHtmlImporter: Importer = {
  format: 'pocket-html',
  accepts(file: SourceFile): boolean {
    if (!['html', 'htm'].includes(extension(file.name))) return false;
    const head = new TextDecoder('latin1').decode(file.bytes.subarray(0, 8192));
    return /<title>\s*Pocket Export\s*<\/title>/i.test(head) || /<a\s[^>]*\btime_added\s*=/i.test(head);
  },
  parse(file: SourceFile): ParsedFile {
    const dom = htmlDocument(decodeHtml(file.bytes).text, { what: 'the Pocket export' });
    try {
      const links = Array.from(dom.window.document.querySelectorAll('a[href]')).map((a) => {
        // The nearest preceding <h1> names the section ("Unread", "Read Archive").
        let node: Element | null = a.closest('ul');
        while (node !== null && node.localName !== 'h1') node = node.previousElementSibling;
        return { a, read: /archive/i.test(node?.textContent ?? '') };
      });
      return collect(
        links,
        ({ a }, i) => entryLabel(a.textContent, a.getAttribute('href'), i),
        ({ a, read }) =>
          withWebAddress(a.getAttribute('href'), (url) => {
            const added = fromEpoch(a.getAttribute('time_added'));
            return makeDraft({
              url,
              title: a.textContent,
              tags: splitTags(a.getAttribute('tags') ?? '', ','),
              added,
              readAt: read ? added : null,
              archivedAt: read ? added : null,
            });
          }),
      );
    } finally {
      dom.window.close();
    }
  },
};

export const pocketCsvImporter: Importer = {
  format: 'pocket-csv',
  accepts(file: SourceFile): boolean {
    if (extension(file.name) !== 'csv') return false;
    const header = readText(file).split(/\r?\n/, 1)[0].toLowerCase();
    return header.includes('time_added') && header.includes('url');
  },
  parse(file: SourceFile): ParsedFile {
    const { records } = parseCsvRecords(readText(file));
    return collect(
      records,
      (r, i) => entryLabel(r.title, r.url, i),
      (r) =>
        withWebAddress(r.url, (url) => {
          const added = fromEpoch(r.time_added);
          // Pocket cuts titles at a fixed length and may leave a line break inside.
          return makeDraft({
            url,
            title: r.title.replace(/\s+/g, ' '),
            tags: splitTags(r.tags ?? '', '|'),
            added,
            readAt: r.status === 'archive' ? added : null,
            archivedAt: r.status === 'archive' ? added : null,
          });
        }),
    );
  },
};
