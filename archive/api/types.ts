// The shapes results take as they cross the contract. Types only, with no runtime code,
// so the renderer can import them without importing the archive.

import type { ErrorCode } from '../core/errors';

export type { Item, ItemView, Highlight, Note } from '../core/model';
export type {
  SearchResult,
  RelatedHit,
  SearchRequest,
  SearchHit,
  Snippet,
  FacetCount,
  SearchSort,
} from '../search/types';
export type { ErrorCode };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export type { TagCount } from '../core/tagging';
export type { ItemPatch, ExportScope } from '../core/fields';
export type { ExportFormat, UploadedFile } from './schemas';

export interface ArchiveInfo {
  dir: string;
  version: number;
  counts: { items: number; notes: number; highlights: number; relations: number; tags: number };
  unread: number;
  withNotes: number;
}

export type {
  ImportSummary,
  VerifyReport,
  RepairReport,
  BackupInfo,
  RestoreReport,
  BulkReport,
  FetchResult,
  SavedSearchView,
} from '../core/reports';

export type { ExportFile as ExportedFile } from '../interop/export-types';

export type { SavedPage } from '../flows/save-page';
export type { SyncStatus, ConflictView, ConflictValue, RoundReport, SyncTargetDescription } from '../sync/types';

/** The browser extension listener's state, as a settings screen shows it. */
export interface ClipperStatus {
  /** False when this host has no listener to offer (the CLI). */
  available: boolean;
  enabled: boolean;
  port: number;
  /** The one-time code to pair a browser with, while the listener is on. */
  code: string | null;
  /** Why the listener is not on although it was asked to be (a port in use). */
  error: string | null;
}

/** What a host that runs the browser extension listener gives dispatch (archive/clipper). */
export interface ClipperControl {
  status(): ClipperStatus;
  configure(enabled: boolean, port?: number): Promise<ClipperStatus>;
  unpairAll(): Promise<ClipperStatus>;
}
