// The shape shared by apps that export one JSON list of bookmarks (Delicious, elCurator,
// Omnivore, Pinboard): the file is recognised by a look at its entries, each entry with a
// web address becomes a draft, and one without is skipped and named — the rest go in.

import { collect, entryLabel, withWebAddress } from './draft';
import { isRecord, readJson } from './json-source';
import type { ImportDraft, Importer, ParsedFile, SourceFile } from './types';

export type JsonEntry = Record<string, unknown>;

export interface JsonListFormat {
  format: string;
  /** The app's name, for the message when a file is not its export. */
  app: string;
  /** True for an entry only this app writes; one such entry makes the file this app's. */
  recognise: (entry: JsonEntry) => boolean;
  /** The keys holding the entry's address and title. */
  urlKey: string;
  titleKey: string;
  toDraft: (entry: JsonEntry, url: string) => ImportDraft;
}

export function jsonListImporter(spec: JsonListFormat): Importer {
  const isExport = (v: unknown): v is JsonEntry[] =>
    Array.isArray(v) && v.length > 0 && v.every(isRecord) && v.some(spec.recognise);
  return {
    format: spec.format,
    accepts: (file: SourceFile) => isExport(readJson(file)),
    parse(file: SourceFile): ParsedFile {
      const list = readJson(file);
      if (!isExport(list))
        throw new Error(`${file.name} is not ${/^[AEIOU]/i.test(spec.app) ? 'an' : 'a'} ${spec.app} export`);
      return collect(
        list,
        (e, i) => entryLabel(e[spec.titleKey], e[spec.urlKey], i),
        (e) => withWebAddress(e[spec.urlKey], (url) => spec.toDraft(e, url)),
      );
    },
  };
}
