// What the archive's maintenance operations report, as plain types with no runtime code,
// so that the contract's result types (and the renderer) can name them without loading
// the modules that do the work.

/** What an import brought in (item ids) and what it left out, each with its reason. */
export interface ImportSummary {
  imported: string[];
  skipped: Array<{ file: string; reason: string }>;
}

export interface VerifyReport {
  ok: boolean;
  problems: string[];
  /** Files that belong to no item; `dossier verify --repair` moves them to lost+found/. */
  leftovers: string[];
  checked: number;
}

export interface RepairReport {
  actions: string[];
  /** What verify says after the repair. */
  ok: boolean;
  problems: string[];
}

export interface BackupInfo {
  id: string;
  created: string;
  items: number;
  valid: boolean;
  bytes: number;
  reason: string;
  /** How the backup keeps the bodies its state needs: hard links, copies, or none were needed. */
  bodies: 'linked' | 'copied' | 'none';
  /** Why it is not valid, for a person. */
  problem?: string;
}

export interface BulkReport {
  /** Items the action changed (an item already in that state is not counted). */
  changed: number;
  /** Ids that were not in the archive (deleted meanwhile). */
  missing: string[];
}

export interface FetchResult {
  id: string;
  title: string;
  ok: boolean;
  /** What happened, for a person: "12 → 1,204 words", or why it failed. */
  message: string;
}

export interface SavedSearchView {
  name: string;
  q: string;
  created: string;
}

export interface RestoreReport {
  restored: string;
  items: number;
  /** The backup of the state the restore replaced. */
  safety: string | null;
}
