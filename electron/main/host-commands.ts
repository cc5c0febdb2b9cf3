// What the menu does itself rather than through the renderer: Import… (a native open
// dialog, then the host-only `import.paths` with trusted: true; its progress and the
// refresh reach every window as the host's events), Export Archive… (a save dialog, then
// `export.archive`) and About.

import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { ImportSummary } from '../../archive/api/types';
import type { CallArchive } from './ipc';

/** What the open dialog offers; "All files" last, since importers recognise content too. */
export const IMPORT_FILTERS = [
  {
    name: 'Articles, notes and exports',
    extensions: ['txt', 'md', 'markdown', 'html', 'htm', 'json', 'csv', 'dossier'],
  },
  { name: 'All files', extensions: ['*'] },
];

export interface HostCommandDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  call: CallArchive;
}

/** How the host names the menu's own calls. */
export const MENU_CALLER = 'menu';

const MAX_LISTED_FAILURES = 15;

/** Import… from the File menu. Resolves once the import is done and reported. */
export async function importWithDialog(win: BrowserWindow, { dialog, call }: HostCommandDeps): Promise<void> {
  const choice = await dialog.showOpenDialog(win, {
    title: 'Import into Dossier',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: IMPORT_FILTERS,
  });
  if (choice.canceled || choice.filePaths.length === 0) return;
  const outcome = await call('import.paths', { paths: choice.filePaths }, { trusted: true, by: MENU_CALLER });
  if (!outcome.ok) {
    await dialog.showMessageBox(win, { type: 'error', message: 'The import failed.', detail: outcome.error.message });
    return;
  }
  const summary = outcome.value as ImportSummary;
  if (summary.skipped.length > 0) await dialog.showMessageBox(win, importReport(summary));
}

/** Export Archive… from the File menu: the whole archive as one .dossier bundle. */
export async function exportArchiveWithDialog(
  win: BrowserWindow,
  { dialog, call }: HostCommandDeps,
  today = new Date(),
): Promise<void> {
  const choice = await dialog.showSaveDialog(win, {
    title: 'Export the whole archive',
    buttonLabel: 'Export',
    defaultPath: `Dossier ${today.toISOString().slice(0, 10)}.dossier`,
    filters: [{ name: 'Dossier archive', extensions: ['dossier'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || !choice.filePath) return;
  const outcome = await call('export.archive', { out: choice.filePath }, { trusted: true, by: MENU_CALLER });
  await dialog.showMessageBox(
    win,
    outcome.ok
      ? {
          type: 'info',
          message: 'The archive was exported.',
          detail: `${plural((outcome.value as { items: number }).items, 'item')} in ${choice.filePath}`,
        }
      : { type: 'error', message: 'The export failed.', detail: outcome.error.message },
  );
}

/** The message shown when some files were not imported: each named with its reason. */
export function importReport(summary: ImportSummary): MessageBoxOptions {
  const listed = summary.skipped.slice(0, MAX_LISTED_FAILURES).map((s) => `• ${s.file}: ${s.reason}`);
  const more = summary.skipped.length - listed.length;
  return {
    type: summary.imported.length > 0 ? 'info' : 'warning',
    message: `Imported ${plural(summary.imported.length, 'item')}; ${plural(summary.skipped.length, 'file')} could not be imported.`,
    detail: [...listed, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n'),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface AboutInfo {
  version: string;
  archiveDir: string;
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
}

/** The About box's text. */
export function aboutMessage({ version, archiveDir, versions }: AboutInfo): MessageBoxOptions {
  return {
    type: 'info',
    title: 'About Dossier',
    message: `Dossier ${version}`,
    detail: [
      'An offline archive for news articles: keep, read, search, tag, link, annotate and export.',
      '',
      `Archive: ${archiveDir}`,
      `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node ?? '?'}`,
    ].join('\n'),
  };
}
