// One handler per contract method: arguments arrive already validated by dispatch(); each
// handler calls into archive/core and returns plain data for the result type.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Archive } from '../core/archive';
import type { Method } from './methods';
import type { contract, Result } from './contract';
import { ARCHIVE_VERSION } from '../core/model';
import { deleteItem, createNoteItem, markRead, updateItem } from '../core/items';
import { tagItem, untagItem, listTags, renameTag, mergeTags, deleteTag, setTagColor, listSources } from '../core/tagging';
import { link, unlink } from '../core/relations';
import { createNote, updateNote, deleteNote } from '../core/notes';
import { createHighlight, updateHighlight, deleteHighlight } from '../core/highlights';
import { importDrafts, importFiles, type ImportProgress } from '../core/importing';

const URL_TIMEOUT_MS = 20_000;
import { verifyArchive } from '../core/verify';
import { repairArchive } from '../core/repair';
import { listBackups } from '../core/backups';
import { restoreBackup } from '../core/restore';
import { writeBundleFile } from '../core/bundle';
import { ArchiveError } from '../core/errors';
import type { SourceFile } from '../interop/types';

/** Exporting notes loads the Markdown and YAML writers: only an export pays for them. */
async function exportNotes(...args: Parameters<typeof import('../core/export-notes').exportNotes>) {
  const { exportNotes: run } = await import('../core/export-notes');
  return run(...args);
}

/** The importers load jsdom, which takes most of a second: only an import pays for it. */
async function parseSourceFile(file: SourceFile) {
  const { parseSourceFile: parse } = await import('../interop/registry');
  return parse(file);
}

export interface CallContext {
  onProgress?: ImportProgress;
}

type Handler<M extends Method> = (archive: Archive, args: z.output<(typeof contract)[M]['args']>, ctx: CallContext) => Promise<Result<M>> | Result<M>;

const listOrders = {
  added: (a: { added: string }, b: { added: string }) => b.added.localeCompare(a.added),
  published: (a: { published: string | null; added: string }, b: { published: string | null; added: string }) =>
    (b.published ?? b.added).localeCompare(a.published ?? a.added),
  title: (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title),
};

export const handlers: { [M in Method]: Handler<M> } = {
  'archive.info': (archive) => {
    const data = archive.data;
    const withNotes = new Set(data.notes.map((n) => n.itemId));
    return {
      dir: archive.dir,
      version: ARCHIVE_VERSION,
      counts: { items: data.items.length, notes: data.notes.length, highlights: data.highlights.length, relations: data.relations.length, tags: data.tags.length },
      unread: data.items.filter((i) => i.readAt === null).length,
      withNotes: withNotes.size,
    };
  },
  'archive.verify': (archive) => verifyArchive(archive),
  'archive.repair': (archive) => repairArchive(archive),
  'backups.list': async (archive) => ({ backups: await listBackups(archive.dir) }),
  'backups.create': async (archive) => {
    if (!archive.backups) throw new ArchiveError('conflict', 'A backup needs the archive open for writing.');
    return { backup: (await archive.backups.take('by request'))?.id ?? null };
  },
  'backups.restore': (archive, { id }) => restoreBackup(archive, id),
  'items.list': (archive, { sort = 'added', kind, offset = 0, limit = 100_000, idPrefix }) => {
    const items = archive.data.items.filter((i) => (!kind || i.kind === kind) && (!idPrefix || i.id.startsWith(idPrefix))).sort(listOrders[sort]);
    return { items: items.slice(offset, offset + limit), total: items.length };
  },
  'items.get': (archive, { id }) => archive.view(id),
  'items.content': async (archive, { id }) => {
    const item = archive.item(id);
    const [html, text] = await Promise.all([
      item.content.html ? archive.store.readContent(id, 'html') : null,
      item.content.text ? archive.store.readContent(id, 'txt') : '',
    ]);
    return { html, text: text ?? '' };
  },
  'items.update': (archive, { id, patch }) => (updateItem(archive, id, patch), archive.view(id)),
  'items.setRead': (archive, { id, read }) => (markRead(archive, id, read), archive.view(id)),
  'items.delete': async (archive, { id }) => (await deleteItem(archive, id), { id }),
  'items.createNote': async (archive, { title, text }) => archive.view(await createNoteItem(archive, title, text)),
  'search.query': (archive, request) => archive.index.query(request),
  'search.related': async (archive, { id, limit = 8 }) => {
    archive.item(id);
    const exclude = archive.relatedOf(id).map((r) => r.id);
    return { suggestions: await archive.index.related(id, { exclude, limit }) };
  },
  'tags.list': (archive) => ({ tags: listTags(archive) }),
  'tags.add': (archive, { id, tags }) => (tagItem(archive, id, tags), archive.view(id)),
  'tags.remove': (archive, { id, tags }) => (untagItem(archive, id, tags), archive.view(id)),
  'tags.rename': (archive, { from, to }) => (renameTag(archive, from, to), { tags: listTags(archive) }),
  'tags.merge': (archive, { from, into }) => (mergeTags(archive, from, into), { tags: listTags(archive) }),
  'tags.delete': (archive, { name }) => (deleteTag(archive, name), { tags: listTags(archive) }),
  'tags.setColor': (archive, { name, color }) => (setTagColor(archive, name, color), { tags: listTags(archive) }),
  'sources.list': (archive) => ({ sources: listSources(archive) }),
  'relations.link': (archive, { a, b, label }) => (link(archive, a, b, label ?? null), archive.view(a)),
  'relations.unlink': (archive, { a, b }) => (unlink(archive, a, b), archive.view(a)),
  'notes.create': (archive, { itemId, text }) => (createNote(archive, itemId, text), archive.view(itemId)),
  'notes.update': (archive, { id, text }) => archive.view(updateNote(archive, id, text).itemId),
  'notes.delete': (archive, { id }) => {
    const itemId = archive.data.notes.find((n) => n.id === id)?.itemId;
    deleteNote(archive, id);
    return archive.view(itemId as string);
  },
  'highlights.create': async (archive, input) => archive.view((await createHighlight(archive, input)).itemId),
  'highlights.update': (archive, { id, ...patch }) => archive.view(updateHighlight(archive, id, patch).itemId),
  'highlights.delete': (archive, { id }) => {
    const itemId = archive.data.highlights.find((h) => h.id === id)?.itemId;
    deleteHighlight(archive, id);
    return archive.view(itemId as string);
  },
  'import.files': (archive, { files }, ctx) =>
    importFiles(
      archive,
      files.map((f) => ({ name: path.basename(f.name), bytes: new Uint8Array(Buffer.from(f.data, 'base64')) })),
      parseSourceFile,
      ctx.onProgress,
    ),
  'import.paths': (archive, { paths }, ctx) =>
    importFiles(
      archive,
      paths.map((p) => ({
        name: p,
        read: async () => {
          const stat = await fs.stat(p).catch(() => null);
          if (!stat) throw new ArchiveError('not_found', 'no such file');
          if (!stat.isFile()) throw new ArchiveError('invalid_argument', 'not a file');
          return { name: path.basename(p), bytes: new Uint8Array(await fs.readFile(p)) };
        },
      })),
      parseSourceFile,
      ctx.onProgress,
    ),
  'import.url': async (archive, { url }) => {
    const { importFromUrl } = await import('../interop/web-page');
    try {
      return await importDrafts(archive, url, { drafts: await importFromUrl(url, { timeoutMs: URL_TIMEOUT_MS }), skipped: [] });
    } catch (error) {
      return { imported: [], skipped: [{ file: url, reason: (error as Error).message.split('\n')[0] }] };
    }
  },
  'export.notes': (archive, { scope, format }) => exportNotes(archive, scope, format),
  'export.archive': (archive, { out }) => writeBundleFile(archive, path.resolve(out)),
};
