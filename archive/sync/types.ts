// The shapes sync results take when they cross the contract: plain data, no imports, so the
// renderer can take these types without pulling in the archive.

/** Where an archive syncs to (never with credentials). */
export type SyncTargetDescription = { kind: 'folder'; folder: string } | { kind: 'webdav'; url: string; user?: string };

/** Where a secret came from: typed in the app this session, an environment variable, the OS keychain. */
export type SecretSource = 'session' | 'environment' | 'keychain';

export interface ConflictValue {
  value: unknown;
  device: string;
  at: string;
}

/** "Changed on both machines": one field, the value kept and the values that lost. */
export interface Conflict {
  /** The entity (`i:<id>`, `n:<id>`, ...) and field; `itemId` is the item it belongs to, when it has one. */
  entity: string;
  field: string;
  itemId: string | null;
  current: ConflictValue;
  /** The values that lost, newest first. */
  others: ConflictValue[];
}

export type ConflictView = Conflict & { title: string };

export interface SyncStatus {
  device: string;
  target: SyncTargetDescription | null;
  encrypted: boolean;
  /** The last round that moved something. */
  lastRound: string | null;
  conflicts: number;
  /** Items whose bodies have not arrived yet. */
  waitingFor: number;
  /** Segments this device has sent; per other device, the segments applied here. */
  published: number;
  devices: Record<string, number>;
  /** Turned off in the app: no rounds by themselves. */
  paused: boolean;
  /** Whether this host runs rounds by itself (the app, `dossier serve`; not the CLI). */
  background: boolean;
  /** A round is under way ("Syncing…"). */
  running: boolean;
  /** The last round this host ran (since it started): when it ended and what it moved. */
  last: { at: string; report: RoundReport } | null;
  /** The last round this host ran that moved something (an idle round since does not hide it). */
  moved: { at: string; report: RoundReport } | null;
  /** Why the last round failed, in one sentence; null when it did not. */
  error: string | null;
  /** Whether a passphrase and a WebDAV password are at hand, and from where. */
  passphrase: SecretSource | null;
  password: SecretSource | null;
  /** Why secrets typed in the app are not kept across restarts (no keychain), or null. */
  keychain: string | null;
}

export interface CompactionReport {
  snapshot: number | null;
  removedSegments: number;
}

export interface RoundReport {
  device: string;
  target: string;
  published: { operations: number; segment: number | null; blobs: number; bytes: number };
  received: { operations: number; segments: number; devices: number };
  applied: { items: number; removed: number; annotations: number; changes: number };
  conflicts: number;
  /** Files not yet whole (a segment still arriving, a blob missing or mismatched): tried again next round. */
  waiting: string[];
  /** Files a sync engine left that are not ours (conflict copies, temporary files): never applied. */
  ignored: string[];
  /** Files refused (tampered, not valid): never applied. */
  refused: string[];
  /** Our own segments folded into a snapshot and removed this round. */
  compacted: CompactionReport;
  ms: number;
}
