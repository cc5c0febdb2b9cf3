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
import {
  tagItem,
  untagItem,
  listTags,
  renameTag,
  mergeTags,
  deleteTag,
  setTagColor,
  listSources,
} from '../core/tagging';
import { link, unlink } from '../core/relations';
import { createNote, updateNote, deleteNote } from '../core/notes';
import { createHighlight, updateHighlight, deleteHighlight } from '../core/highlights';
import { importDrafts, importFiles, type ImportProgress } from '../flows/importing';

const URL_TIMEOUT_MS = 20_000;
import { verifyArchive } from '../core/verify';
import { localImageReader, webImageFetcher, ASSET_TYPES } from '../interop/page-images';
import { setState, setProgress } from '../core/reading';
import { applyBulk } from '../core/bulk';
import { fetchArticles, bookmarkIds } from '../flows/fetch-articles';
import { listSavedSearches, saveSearch, deleteSavedSearch } from '../core/saved-searches';
import { getPreferences, setPreference } from '../core/preferences';
import { repairArchive } from '../core/repair';
import { listBackups } from '../core/backups';
import { restoreBackup } from '../core/restore';
import { writeBundleFile } from '../core/bundle';
import { chooseSyncValue, configureSync, listSyncConflicts, runSync, syncStatus } from '../sync/service';
import type { HostSync } from '../sync/host-sync';
import { ArchiveError } from '../core/errors';
import type { SourceFile } from '../interop/types';
import type { ClipperControl } from './types';
import { importPool } from '../flows/import-pool';
import { fetchPage } from '../interop/fetch-page';

/**
 * Importers run on the parse pool's worker thread: jsdom and Readability never hold up this
 * one. The bytes were read for this call alone, so they are handed over, not copied.
 */
function parseSourceFile(file: SourceFile) {
  return importPool.parseFile(file, { handOver: true });
}

/** Base64 as a plain byte array over the decoded buffer itself (a large one is not pooled,
 *  so the import pool can hand it over whole). */
function decodeBase64(data: string): Uint8Array {
  const b = Buffer.from(data, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** A bundle's unzipping, checksums and schema checks run there too. */
function readBundleFile(file: SourceFile) {
  return importPool.readBundle(file, { handOver: true });
}

/** Every id a search matches, page by page (for "apply to all results"). */
async function allResults(archive: Archive, query: { q: string; tags?: string[] }): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await archive.index.query({ ...query, offset, limit: 500 });
    ids.push(...page.hits.map((h) => h.id));
    if (page.hits.length < 500 || ids.length >= page.total) return ids;
  }
}

/** Exporting notes loads the Markdown and YAML writers: only an export pays for them. */
async function exportNotes(...args: Parameters<typeof import('../flows/export-notes').exportNotes>) {
  const { exportNotes: run } = await import('../flows/export-notes');
  return run(...args);
}

export interface CallContext {
  /** The host's own code or the user's `dossier` command; a window's calls never are. */
  trusted?: boolean;
  onProgress?: ImportProgress;
  /** The browser extension listener, when the host runs one (the app, `dossier serve`). */
  clipper?: ClipperControl;
  /** Sync with background rounds and this session's secrets, when the host keeps the archive open. */
  sync?: HostSync;
  /** Aborted when the caller no longer wants the answer (a superseded search, a cancelled export). */
  signal?: AbortSignal;
}

/** The setting that keeps the extension listener on across starts (off by default). */
export const CLIPPER_PREFERENCE = 'browserExtension';
export const CLIPPER_PORT_PREFERENCE = 'browserExtensionPort';

function clipperOf(ctx: CallContext): ClipperControl {
  if (!ctx.clipper)
    throw new ArchiveError(
      'invalid_argument',
      'This Dossier has no browser extension listener; use the desktop app or dossier serve.',
    );
  return ctx.clipper;
}

type Handler<M extends Method> = (
  archive: Archive,
  args: z.output<(typeof contract)[M]['args']>,
  ctx: CallContext,
) => Promise<Result<M>> | Result<M>;

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
      counts: {
        items: data.items.length,
        notes: data.notes.length,
        highlights: data.highlights.length,
        relations: data.relations.length,
        tags: data.tags.length,
      },
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
    const items = archive.data.items
      .filter((i) => (!kind || i.kind === kind) && (!idPrefix || i.id.startsWith(idPrefix)))
      .sort(listOrders[sort]);
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
  'items.asset': async (archive, { id, name }) => {
    const item = archive.item(id);
    const bytes = item.assets.includes(name) ? await archive.store.readAsset(id, name) : null;
    if (!bytes) throw new ArchiveError('not_found', `Item ${id} keeps no image named ${name}.`);
    return { type: ASSET_TYPES[name.split('.').pop() as string], data: Buffer.from(bytes).toString('base64') };
  },
  'items.update': (archive, { id, patch }) => (updateItem(archive, id, patch), archive.view(id)),
  'items.setRead': (archive, { id, read }) => (markRead(archive, id, read), archive.view(id)),
  'items.delete': async (archive, { id }) => (await deleteItem(archive, id), { id }),
  'items.createNote': async (archive, { title, text }) => archive.view(await createNoteItem(archive, title, text)),
  'items.setState': (archive, { id, ...state }) => (setState(archive, id, state), archive.view(id)),
  'items.setProgress': (archive, { id, progress }) => (
    setProgress(archive, id, progress),
    { id, progress: archive.item(id).progress }
  ),
  'items.bulk': async (archive, { ids, query, action, tags }) =>
    applyBulk(archive, ids ?? (await allResults(archive, query!)), action, tags),
  'items.fetch': async (archive, { ids, allBookmarks }, ctx) => {
    const fetchAndParse = async (url: string) => {
      const page = await fetchPage(url, { timeoutMs: URL_TIMEOUT_MS });
      return (
        await importPool.parsePage(page.bytes, {
          url: page.url,
          contentType: page.contentType,
          name: page.url,
          handOver: true,
        })
      ).drafts;
    };
    const fetchImage = webImageFetcher();
    const ids_ = allBookmarks ? bookmarkIds(archive) : ids!;
    return {
      results: await fetchArticles(archive, ids_, fetchAndParse, {
        onProgress: ctx.onProgress,
        images: { fetch: fetchImage },
      }),
    };
  },
  'searches.list': (archive) => ({ searches: listSavedSearches(archive) }),
  'searches.save': (archive, { name, q }) => ({ searches: saveSearch(archive, name, q) }),
  'searches.delete': (archive, { name }) => ({ searches: deleteSavedSearch(archive, name) }),
  'settings.get': (archive) => ({ preferences: getPreferences(archive) }),
  'settings.set': (archive, { key, value }) => ({ preferences: setPreference(archive, key, value) }),
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
      files.map((f) => {
        const name = path.basename(f.name);
        // Decoded when the import comes to the file, not all at once; the decoded bytes are
        // the ones handed to the worker, not a copy (a 10 MB page held this thread ~70 ms so).
        return { name, read: async () => ({ name, bytes: decodeBase64(f.data) }) };
      }),
      parseSourceFile,
      ctx.onProgress,
      readBundleFile,
    ),
  'import.paths': (archive, { paths }, ctx) =>
    importFiles(
      archive,
      paths.map((p) => ({
        name: p,
        // A page saved with its folder ("Page_files/") keeps the images it names there.
        images: { readLocal: localImageReader(p) },
        read: async () => {
          const stat = await fs.stat(p).catch(() => null);
          if (!stat) throw new ArchiveError('not_found', 'no such file');
          if (!stat.isFile()) throw new ArchiveError('invalid_argument', 'not a file');
          return { name: path.basename(p), bytes: new Uint8Array(await fs.readFile(p)) };
        },
      })),
      parseSourceFile,
      ctx.onProgress,
      readBundleFile,
    ),
  'import.url': async (archive, { url }) => {
    try {
      const page = await fetchPage(url, { timeoutMs: URL_TIMEOUT_MS });
      const parsed = await importPool.parsePage(page.bytes, {
        url: page.url,
        contentType: page.contentType,
        name: page.url,
        handOver: true,
      });
      return await importDrafts(archive, url, parsed, { fetch: webImageFetcher() });
    } catch (error) {
      return { imported: [], skipped: [{ file: url, reason: (error as Error).message.split('\n')[0] }] };
    }
  },
  'import.page': async (archive, page) => {
    const [{ savePage }, { parseWebPage }] = await Promise.all([
      import('../flows/save-page'),
      import('../interop/web-page'),
    ]);
    return savePage(archive, page, (html, url) =>
      parseWebPage(new TextEncoder().encode(html), { url, contentType: 'text/html; charset=utf-8', name: url }),
    );
  },
  'clipper.status': (_archive, _args, ctx) =>
    ctx.clipper?.status() ?? { available: false, enabled: false, port: 0, code: null, error: null },
  'clipper.configure': async (archive, { enabled, port }, ctx) => {
    const status = await clipperOf(ctx).configure(enabled, port);
    setPreference(archive, CLIPPER_PREFERENCE, enabled);
    if (port !== undefined) setPreference(archive, CLIPPER_PORT_PREFERENCE, port);
    return status;
  },
  'clipper.unpairAll': (_archive, _args, ctx) => clipperOf(ctx).unpairAll(),
  'export.notes': (archive, { scope, format }) => exportNotes(archive, scope, format),
  'export.archive': (archive, { out }, ctx) => writeBundleFile(archive, path.resolve(out), { signal: ctx.signal }),
  'sync.status': (archive, _args, ctx) => ctx.sync?.status() ?? syncStatus(archive),
  'sync.run': (archive, options, ctx) => {
    // A page may start a round to the target the user set up, never copy the archive to a
    // place it names itself: that is the dossier command's (trusted) alone.
    if (options.target && !ctx.trusted)
      throw new ArchiveError('invalid_argument', 'A window syncs only with the Sync setting; choose the target there.');
    return ctx.sync?.run(options) ?? runSync(archive, options);
  },
  'sync.conflicts': (archive) => listSyncConflicts(archive),
  'sync.choose': (archive, { entity, field, pick }, ctx) =>
    ctx.sync?.choose(entity, field, pick) ?? chooseSyncValue(archive, entity, field, pick),
  'sync.configure': async (archive, settings, ctx) => {
    if (ctx.sync) return ctx.sync.configure(settings);
    const { notice } = await configureSync(archive, settings);
    return { ...(await syncStatus(archive)), notice };
  },
};
