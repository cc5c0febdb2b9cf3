// What a new archive starts with: the wire story shipped with the app (a verbatim copy of
// the seed article, imported through the plain-text importer like any .txt file) and a
// short note introducing Dossier, linked to it, so notes and relations show at once. The
// article carries the tags the note's search examples use, so every example finds it.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Archive } from '../core/archive';
import { addItem, createNoteItem } from '../core/items';
import { link } from '../core/relations';
import { plainTextImporter } from '../interop/plain-text';

export const SEED_ARTICLE_FILE = '000_058561fa2592a63d.txt';
export const WELCOME_NOTE_FILE = 'welcome-note.md';
export const WELCOME_NOTE_TITLE = 'Welcome to Dossier';
export const SEED_TAGS = ['China–Russia', 'Diplomacy'];

/** Where the seed files are: beside this module, or beside the bundle that inlined it. */
function seedPath(name: string): string {
  const dir = process.env.DOSSIER_SEED_DIR;
  return dir ? `${dir}/${name}` : fileURLToPath(new URL(`./${name}`, import.meta.url));
}

export async function seedArchive(archive: Archive): Promise<void> {
  const bytes = readFileSync(seedPath(SEED_ARTICLE_FILE));
  const { drafts } = await plainTextImporter.parse({ name: SEED_ARTICLE_FILE, bytes });
  const articleId = await addItem(archive, { ...drafts[0], readAt: null, tags: SEED_TAGS });
  const noteId = await createNoteItem(archive, WELCOME_NOTE_TITLE, readFileSync(seedPath(WELCOME_NOTE_FILE), 'utf8'));
  link(archive, noteId, articleId, 'introduction');
}
