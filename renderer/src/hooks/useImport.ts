// Imports files in batches through `import.files`, reporting progress as batches finish,
// and gathers every file that was skipped with its reason; the rest still go in.

import { useCallback, useRef, useState } from 'react';
import { call } from '../api/client';
import { batches, toUpload, MAX_FILE_BYTES } from '../lib/files';
import { useArchiveVersion } from './useArchiveVersion';
import type { ImportSummary } from '../../../archive/api/types';

export interface ImportState {
  running: boolean;
  done: number;
  total: number;
  imported: string[];
  skipped: ImportSummary['skipped'];
}

const IDLE: ImportState = { running: false, done: 0, total: 0, imported: [], skipped: [] };

export function useImport() {
  const { changed } = useArchiveVersion();
  const [state, setState] = useState<ImportState | null>(null);
  // While this window runs an import it reports its own progress, by batch; the host's
  // per-file progress events are for imports it started itself (from its menu).
  const selfRunning = useRef(false);

  const run = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      selfRunning.current = true;
      const tooLarge = files
        .filter((f) => f.size > MAX_FILE_BYTES)
        .map((f) => ({ file: f.name, reason: 'the file is larger than 45 MB' }));
      let current: ImportState = {
        ...IDLE,
        running: true,
        total: files.length,
        done: tooLarge.length,
        skipped: tooLarge,
      };
      setState(current);
      try {
        for (const batch of batches(files.filter((f) => f.size <= MAX_FILE_BYTES))) {
          const unreadable: ImportState['skipped'] = [];
          const uploads = (
            await Promise.all(
              batch.map((file) =>
                toUpload(file).catch(() => {
                  unreadable.push({ file: file.name, reason: 'the file could not be read (is it a folder?)' });
                  return null;
                }),
              ),
            )
          ).filter((u) => u !== null);
          const outcome = uploads.length ? await call('import.files', { files: uploads }) : null;
          const failed =
            outcome && !outcome.ok
              ? batch
                  .filter((f) => !unreadable.some((u) => u.file === f.name))
                  .map((f) => ({ file: f.name, reason: outcome.error.message }))
              : [];
          current = {
            ...current,
            done: current.done + batch.length,
            imported: outcome?.ok ? [...current.imported, ...outcome.value.imported] : current.imported,
            skipped: [...current.skipped, ...unreadable, ...(outcome?.ok ? outcome.value.skipped : failed)],
          };
          setState(current);
          if (outcome?.ok && outcome.value.imported.length) changed();
        }
      } finally {
        selfRunning.current = false;
      }
      setState({ ...current, running: false });
    },
    [changed],
  );

  const importUrl = useCallback(
    async (url: string): Promise<string | null> => {
      setState({ ...IDLE, running: true, total: 1 });
      const outcome = await call('import.url', { url });
      const skipped = outcome.ok ? outcome.value.skipped : [{ file: url, reason: outcome.error.message }];
      const imported = outcome.ok ? outcome.value.imported : [];
      setState({ running: false, done: 1, total: 1, imported, skipped });
      if (imported.length) changed();
      return imported[0] ?? null;
    },
    [changed],
  );

  /** The desktop host imports from its own menu; it reports progress and the outcome here. */
  const hostProgress = useCallback((done: number, total: number) => {
    if (selfRunning.current) return;
    setState((s) => ({ ...(s && s.running ? s : IDLE), running: done < total, done, total }));
  }, []);
  const hostFinished = useCallback((imported: string[], skipped: ImportState['skipped']) => {
    if (selfRunning.current) return;
    setState({
      running: false,
      done: imported.length + skipped.length,
      total: imported.length + skipped.length,
      imported,
      skipped,
    });
  }, []);

  const dismiss = useCallback(() => setState(null), []);
  return { state, run, importUrl, hostProgress, hostFinished, dismiss };
}
