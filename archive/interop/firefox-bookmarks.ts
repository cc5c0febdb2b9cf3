// Reads Firefox's bookmark backup JSON (Library > Backup): a tree of place containers and
// places. Folders below the roots become tags, as do the comma-separated `tags`; dateAdded
// (microseconds) becomes `added`. Smart bookmarks (place: queries) are skipped with a reason.

import { keep, makeDraft, splitTags, str, withWebAddress } from './draft';
import { isRecord, readJson } from './json-source';
import { fromEpoch } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

const CONTAINER = 'text/x-moz-place-container';
const PLACE = 'text/x-moz-place';

const isFirefoxTree = (v: unknown): v is Record<string, unknown> =>
  isRecord(v) && typeof v.type === 'string' && v.type.startsWith('text/x-moz-place') && Array.isArray(v.children);

export const firefoxBookmarksImporter: Importer = {
  format: 'firefox-bookmarks-json',
  accepts: (file: SourceFile) => isFirefoxTree(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const root = readJson(file);
    if (!isFirefoxTree(root)) throw new Error(`${file.name} is not a Firefox bookmark backup`);
    const out: ParsedFile = { drafts: [], skipped: [] };
    const visit = (node: Record<string, unknown>, folders: string[]): void => {
      if (node.type === CONTAINER) {
        // Roots (menu, toolbar, unfiled, mobile) are places in the browser, not topics.
        const name = typeof node.root === 'string' ? null : str(node.title);
        const inner = name === null ? folders : [...folders, name];
        for (const child of Array.isArray(node.children) ? node.children : []) if (isRecord(child)) visit(child, inner);
        return;
      }
      if (node.type !== PLACE) return; // separators
      const title = str(node.title);
      const tags = [...folders, ...splitTags(node.tags ?? '', ',')];
      const draft = withWebAddress(node.uri, (url) =>
        makeDraft({ url, title, tags, added: fromEpoch(node.dateAdded as number) }),
      );
      keep(out, title ?? String(node.uri ?? '(untitled)'), draft);
    };
    visit(root, []);
    return out;
  },
};
