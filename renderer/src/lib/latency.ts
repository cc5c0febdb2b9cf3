// Keystroke-to-results timing, kept where the bench (e2e/measure-latency.ts) can read it:
// performance entries named `dossier:*`. Bounded, so a long session does not grow them.

const LIMIT = 1_000;

function bound(name: string): void {
  if (performance.getEntriesByName(name).length > LIMIT) {
    performance.clearMarks(name);
    performance.clearMeasures(name);
  }
}

/** The answer to query `q` arrived from the archive. */
export function markAnswer(q: string): void {
  bound('dossier:answer');
  performance.mark('dossier:answer', { detail: q });
}

/** The results for `q`, typed at `typedAt`, are on screen now. */
export function measureSearch(q: string, typedAt: number): void {
  bound('dossier:search');
  performance.measure('dossier:search', { start: typedAt, end: performance.now(), detail: q });
}
