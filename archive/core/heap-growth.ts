// How far V8 lets a long-running host's heap grow past what its last full collection kept.
// A host holds the archive's metadata and the index's heads for the whole session (some
// 100 MB live at 50,000 items); by default V8 lets the old generation reach up to four times
// that before collecting it again, so a burst of edits or an import left `dossier serve`
// holding twice its live heap as garbage. Applies to the whole process, workers included.

import v8 from 'node:v8';

/**
 * The old generation grows by this share of what survived before the next full collection.
 * With import workers already held to WORKER_NURSERY_MB, the serve benchmark's session at
 * 50,000 items peaked at 432–438 MB at 20% against 446–502 with V8's own factor (518–538
 * with neither; three runs each), its queries as fast over HTTP (p50 12–17 ms, p95 52–57
 * against 12–16 and 54–57); 10% and 30% came out the same within the noise.
 */
export const HEAP_GROWING_PERCENT = 20;

/** Holds the heap near its live size from now on (idempotent; one-command runs skip it). */
export function keepHeapTight(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
