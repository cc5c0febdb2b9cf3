// Every operation any host may call: its argument schema and the type of its result.
// Adding an operation is one entry here and one handler in handlers.ts; no host changes.

import { z } from 'zod';
import type { Method } from './methods';
import { MAX_NOTE_LENGTH, MAX_LABEL_LENGTH, COLOR_PATTERN, ASSET_NAME } from '../core/model';
import { SavedSearch } from '../core/saved-searches';
import {
  Empty,
  ExportFormat,
  ExportScope,
  HttpUrl,
  ItemId,
  ItemPatch,
  ListRequest,
  PageCapture,
  RecordId,
  SearchRequest,
  SyncSecrets,
  SyncTarget,
  TagName,
  UploadedFile,
} from './schemas';
import type {
  Item,
  ItemView,
  SearchResult,
  RelatedHit,
  ArchiveInfo,
  VerifyReport,
  ImportSummary,
  TagCount,
  ExportedFile,
  Outcome,
  RepairReport,
  BackupInfo,
  RestoreReport,
  BulkReport,
  FetchResult,
  SavedSearchView,
  SavedPage,
  ClipperStatus,
} from './types';
import { BULK_ACTIONS } from '../core/bulk-actions';
import type { SyncStatus, ConflictView, RoundReport } from '../sync/types';
import { PreferenceKey, PreferenceValue } from '../core/preference-schema';

/** `returns<R>()(schema)`: an entry whose arguments are checked by `schema` and whose result is R. */
const returns =
  <R>() =>
  <S extends z.ZodType>(args: S) => ({ args, result: undefined as unknown as R });

const byId = z.object({ id: ItemId }).strict();
const byRecordId = z.object({ id: RecordId }).strict();
const tagEdit = z.object({ id: ItemId, tags: z.array(TagName).min(1).max(100) }).strict();
const pair = z.object({ a: ItemId, b: ItemId }).strict();
const noteText = z.string().min(1).max(MAX_NOTE_LENGTH);
const color = z.string().regex(COLOR_PATTERN, 'a colour is written #rrggbb');
type Tags = { tags: TagCount[] };

export const contract = {
  'archive.info': returns<ArchiveInfo>()(Empty),
  'archive.verify': returns<VerifyReport>()(Empty),
  'archive.repair': returns<RepairReport>()(Empty),
  'backups.list': returns<{ backups: BackupInfo[] }>()(Empty),
  'backups.create': returns<{ backup: string | null }>()(Empty),
  'backups.restore': returns<RestoreReport>()(
    z.object({ id: z.string().regex(/^\d{8}T\d{9}Z$/, 'a backup id looks like 20261201T102233123Z') }).strict(),
  ),
  'items.list': returns<{ items: Item[]; total: number }>()(ListRequest),
  'items.get': returns<ItemView>()(byId),
  'items.content': returns<{ html: string | null; text: string }>()(byId),
  'items.asset': returns<{ type: string; data: string }>()(
    z.object({ id: ItemId, name: z.string().regex(ASSET_NAME, 'not the name of a stored image') }).strict(),
  ),
  'items.update': returns<ItemView>()(z.object({ id: ItemId, patch: ItemPatch }).strict()),
  'items.setRead': returns<ItemView>()(z.object({ id: ItemId, read: z.boolean() }).strict()),
  'items.delete': returns<{ id: string }>()(byId),
  'items.createNote': returns<ItemView>()(
    z.object({ title: z.string().trim().min(1).max(500), text: noteText }).strict(),
  ),
  'items.setState': returns<ItemView>()(
    z
      .object({
        id: ItemId,
        archived: z.boolean().optional(),
        favourite: z.boolean().optional(),
        read: z.boolean().optional(),
      })
      .strict(),
  ),
  'items.setProgress': returns<{ id: string; progress: number }>()(
    z.object({ id: ItemId, progress: z.number().min(0).max(1) }).strict(),
  ),
  'items.bulk': returns<BulkReport>()(
    z
      .object({
        // A selection, or every result of a search ("apply a tag to all results").
        ids: z.array(ItemId).max(100_000).optional(),
        query: SearchRequest.omit({ offset: true, limit: true, sort: true }).optional(),
        action: z.enum(BULK_ACTIONS),
        tags: z.array(TagName).max(100).optional(),
      })
      .strict()
      .refine((a) => (a.ids === undefined) !== (a.query === undefined), 'give either ids or a query')
      .refine((a) => !['tag', 'untag'].includes(a.action) || (a.tags?.length ?? 0) > 0, 'tagging needs tags'),
  ),
  'items.fetch': returns<{ results: FetchResult[] }>()(
    z
      .object({ ids: z.array(ItemId).min(1).max(10_000).optional(), allBookmarks: z.literal(true).optional() })
      .strict()
      .refine((a) => (a.ids === undefined) !== (a.allBookmarks === undefined), 'give either ids or allBookmarks'),
  ),
  'searches.list': returns<{ searches: SavedSearchView[] }>()(Empty),
  'searches.save': returns<{ searches: SavedSearchView[] }>()(SavedSearch.pick({ name: true, q: true }).strict()),
  'searches.delete': returns<{ searches: SavedSearchView[] }>()(SavedSearch.pick({ name: true }).strict()),
  'settings.get': returns<{ preferences: Record<string, string | number | boolean | null> }>()(Empty),
  'settings.set': returns<{ preferences: Record<string, string | number | boolean | null> }>()(
    z.object({ key: PreferenceKey, value: PreferenceValue }).strict(),
  ),
  'search.query': returns<SearchResult>()(SearchRequest),
  'search.related': returns<{ suggestions: RelatedHit[] }>()(
    z.object({ id: ItemId, limit: z.number().int().min(1).max(50).optional() }).strict(),
  ),
  'tags.list': returns<Tags>()(Empty),
  'tags.add': returns<ItemView>()(tagEdit),
  'tags.remove': returns<ItemView>()(tagEdit),
  'tags.rename': returns<Tags>()(z.object({ from: TagName, to: TagName }).strict()),
  'tags.merge': returns<Tags>()(z.object({ from: z.array(TagName).min(1).max(100), into: TagName }).strict()),
  'tags.delete': returns<Tags>()(z.object({ name: TagName }).strict()),
  'tags.setColor': returns<Tags>()(z.object({ name: TagName, color: color.nullable() }).strict()),
  'sources.list': returns<{ sources: Array<{ name: string; count: number }> }>()(Empty),
  'relations.link': returns<ItemView>()(
    z.object({ a: ItemId, b: ItemId, label: z.string().max(MAX_LABEL_LENGTH).nullable().optional() }).strict(),
  ),
  'relations.unlink': returns<ItemView>()(pair),
  'notes.create': returns<ItemView>()(z.object({ itemId: ItemId, text: noteText }).strict()),
  'notes.update': returns<ItemView>()(z.object({ id: RecordId, text: noteText }).strict()),
  'notes.delete': returns<ItemView>()(byRecordId),
  'highlights.create': returns<ItemView>()(
    z
      .object({
        itemId: ItemId,
        quote: z.string().min(1).max(20_000),
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        comment: z.string().max(20_000).nullable().optional(),
        color: color.nullable().optional(),
      })
      .strict(),
  ),
  'highlights.update': returns<ItemView>()(
    z
      .object({
        id: RecordId,
        comment: z.string().max(20_000).nullable().optional(),
        color: color.nullable().optional(),
      })
      .strict(),
  ),
  'highlights.delete': returns<ItemView>()(byRecordId),
  'import.files': returns<ImportSummary>()(z.object({ files: z.array(UploadedFile).min(1).max(500) }).strict()),
  'import.paths': returns<ImportSummary>()(
    z.object({ paths: z.array(z.string().min(1).max(4_096)).min(1).max(100_000) }).strict(),
  ),
  'import.url': returns<ImportSummary>()(z.object({ url: HttpUrl }).strict()),
  'import.page': returns<SavedPage>()(PageCapture),
  'clipper.status': returns<ClipperStatus>()(Empty),
  'clipper.configure': returns<ClipperStatus>()(
    z.object({ enabled: z.boolean(), port: z.number().int().min(1024).max(65_535).optional() }).strict(),
  ),
  'clipper.unpairAll': returns<ClipperStatus>()(Empty),
  'export.notes': returns<{ files: ExportedFile[]; items: number }>()(
    z.object({ scope: ExportScope, format: ExportFormat }).strict(),
  ),
  'export.archive': returns<{ out: string; items: number; bytes: number }>()(
    z.object({ out: z.string().min(1).max(4_096) }).strict(),
  ),
  'sync.status': returns<SyncStatus>()(Empty),
  // The CLI names the target and passes its environment's secrets when it forwards to a host.
  'sync.run': returns<RoundReport>()(z.object({ target: SyncTarget.optional(), ...SyncSecrets }).strict()),
  'sync.configure': returns<SyncStatus & { notice: string | null }>()(
    z
      .object({
        target: SyncTarget.nullable().optional(),
        enabled: z.boolean().optional(),
        passphrase: SyncSecrets.passphrase,
        password: SyncSecrets.password,
      })
      .strict(),
  ),
  'sync.conflicts': returns<{ conflicts: ConflictView[] }>()(Empty),
  'sync.choose': returns<{ conflicts: ConflictView[] }>()(
    z
      .object({
        entity: z.string().regex(/^[inhrt]:[^\s]{1,200}$/, 'not a synced record'),
        field: z.string().min(1).max(100),
        pick: z.number().int().min(0).max(100),
      })
      .strict(),
  ),
} satisfies Record<Method, { args: z.ZodType; result: unknown }>;

export type Args<M extends Method> = z.input<(typeof contract)[M]['args']>;
export type Result<M extends Method> = (typeof contract)[M]['result'];

/** The contract as a client sees it: one async function per method. */
export type DossierApi = { [M in Method]: (args: Args<M>) => Promise<Outcome<Result<M>>> };
