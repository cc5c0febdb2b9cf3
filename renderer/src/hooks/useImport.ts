// Imports files in batches through `import.files`, reporting progress as batches finish,
// and gathers every file that was skipped with its reason; the rest still go in.

import { useCallback, useState } from 'react';
import { call } from '../api/client';
import { batches, toUpload } from '../lib/files';
import { useArchiveVersion } from './useArchiveVersion';

export interface ImportState {
  running: boolean;
  done: number;
  total: number;
  imported: string[];
  skipped: Array<{ file: string; reason: string }>;
}

const IDLE: ImportState = { running: false, done: 0, total: 0, imported: [], skipped: [] };

export function useImport() {
  const { changed } = useArchiveVersion();
  const [state, setState] = useState<ImportState | null>(null);

  const run = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      let current: ImportState = { ...IDLE, running: true, total: files.length };
      setState(current);
      for (const batch of batches(files)) {
        const uploads = await Promise.all(batch.map(toUpload));
        const outcome = await call('import.files', { files: uploads });
        current = {
          ...current,
          done: current.done + batch.length,
          imported: outcome.ok ? [...current.imported, ...outcome.value.imported] : current.imported,
          skipped: outcome.ok ? [...current.skipped, ...outcome.value.skipped] : [...current.skipped, ...batch.map((f) => ({ file: f.name, reason: outcome.error.message }))],
        };
        setState(current);
        if (outcome.ok && outcome.value.imported.length) changed();
      }
      setState({ ...current, running: false });
    },
    [changed],
  );

  return { state, run, dismiss: () => setState(null) };
}
