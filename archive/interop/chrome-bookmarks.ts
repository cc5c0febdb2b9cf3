// Reads Chrome's (and Chromium, Edge, Brave's) "Bookmarks" JSON file: roots holding
// folders and urls. Folders below the roots become tags; date_added (microseconds since
// 1601) becomes `added`. Non-web addresses (javascript:, chrome:) are skipped with a reason.

import { keep, makeDraft, str, withWebAddress } from './draft';
import { isRecord, readJson } from './json-source';
import { fromWebkitMicros } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

const isChromeBookmarks = (v: unknown): v is { roots: Record<string, unknown> } =>
  isRecord(v) && isRecord(v.roots) && Object.values(v.roots).some((r) => isRecord(r) && r.type === 'folder');

export const chromeBookmarksImporter: Importer = {
  format: 'chrome-bookmarks-json',
  accepts: (file: SourceFile) => isChromeBookmarks(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const data = readJson(file);
    if (!isChromeBookmarks(data)) throw new Error(`${file.name} is not a Chrome bookmarks file`);
    const out: ParsedFile = { drafts: [], skipped: [] };
    const visit = (node: Record<string, unknown>, folders: string[], isRoot: boolean): void => {
      if (node.type === 'folder') {
        const name = isRoot ? null : str(node.name);
        const inner = name === null ? folders : [...folders, name];
        for (const child of Array.isArray(node.children) ? node.children : [])
          if (isRecord(child)) visit(child, inner, false);
        return;
      }
      if (node.type !== 'url') return;
      const title = str(node.name);
      const draft = withWebAddress(node.url, (url) =>
        makeDraft({ url, title, tags: folders, added: fromWebkitMicros(node.date_added as string) }),
      );
      keep(out, title ?? String(node.url ?? '(untitled)'), draft);
    };
    for (const root of Object.values(data.roots)) if (isRecord(root)) visit(root, [], true);
    return out;
  },
};
