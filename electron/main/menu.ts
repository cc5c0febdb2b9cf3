// The application menu: File (Import…, Export Notes…, Export Archive…, Restore from a Backup…, Quit), Edit (standard roles), View
// (zoom, theme; reload and devtools only in development) and Help (About). The template
// is a pure function of what it can call, so tests can read it without Electron.

import { Menu, type MenuItemConstructorOptions } from 'electron';
import { THEMES, type Theme } from './window-state';

export interface MenuActions {
  importFiles: () => void;
  exportNotes: () => void;
  exportArchive: () => void;
  restoreBackup: () => void;
  focusSearch: () => void;
  setTheme: (theme: Theme) => void;
  about: () => void;
}

export interface MenuInput {
  actions: MenuActions;
  theme: Theme;
  dev: boolean;
  platform: NodeJS.Platform;
}

const THEME_LABELS: Record<Theme, string> = { system: 'Use System Setting', light: 'Light', dark: 'Dark' };

export function menuTemplate({ actions, theme, dev, platform }: MenuInput): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const devItems: MenuItemConstructorOptions[] = dev
    ? [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
    : [];
  return [
    ...(mac
      ? [
          {
            label: 'Dossier',
            submenu: [
              { label: 'About Dossier', click: actions.about },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: actions.importFiles },
        { label: 'Export Notes…', accelerator: 'CmdOrCtrl+Shift+E', click: actions.exportNotes },
        { label: 'Export Archive…', click: actions.exportArchive },
        { label: 'Restore from a Backup…', click: actions.restoreBackup },
        { type: 'separator' },
        { label: 'Find in Archive', accelerator: 'CmdOrCtrl+F', click: actions.focusSearch },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: THEMES.map((t) => ({
            label: THEME_LABELS[t],
            type: 'radio',
            checked: t === theme,
            click: () => actions.setTheme(t),
          })),
        },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...devItems,
      ],
    },
    { role: 'windowMenu' },
    { label: '&Help', role: 'help', submenu: [{ label: 'About Dossier', click: actions.about }] },
  ];
}

/** Builds the menu and makes it the application menu. */
export function installMenu(input: MenuInput): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(input)));
}
