import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const { menuTemplate, installMenu } = await import('./menu');

function actions() {
  return {
    importFiles: vi.fn(),
    exportNotes: vi.fn(),
    exportArchive: vi.fn(),
    restoreBackup: vi.fn(),
    focusSearch: vi.fn(),
    setTheme: vi.fn(),
    about: vi.fn(),
  };
}
function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label?.replace('&', '') === label);
  if (!menu) throw new Error(`no ${label} menu`);
  return menu.submenu as MenuItemConstructorOptions[];
}
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label).filter(Boolean);

describe('the menu', () => {
  it('has File: Import…, Export Notes…, Export Archive… and Quit, each doing its job', () => {
    const a = actions();
    const file = submenu(menuTemplate({ actions: a, theme: 'system', dev: false, platform: 'linux' }), 'File');
    expect(labels(file)).toEqual(expect.arrayContaining(['Import…', 'Export Notes…', 'Export Archive…']));
    expect(roles(file)).toContain('quit');
    (file.find((i) => i.label === 'Import…')!.click as () => void)();
    (file.find((i) => i.label === 'Export Notes…')!.click as () => void)();
    expect(a.importFiles).toHaveBeenCalled();
    expect(a.exportNotes).toHaveBeenCalled();
    (file.find((i) => i.label === 'Export Archive…')!.click as () => void)();
    expect(a.exportArchive).toHaveBeenCalled();
    (file.find((i) => i.label === 'Restore from a Backup…')!.click as () => void)();
    expect(a.restoreBackup).toHaveBeenCalled();
  });

  it('has Edit roles, zoom and theme under View, and About under Help', () => {
    const a = actions();
    const template = menuTemplate({ actions: a, theme: 'dark', dev: false, platform: 'linux' });
    expect(roles(submenu(template, 'Edit'))).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
    const view = submenu(template, 'View');
    expect(roles(view)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    const themes = view.find((i) => i.label === 'Theme')!.submenu as MenuItemConstructorOptions[];
    expect(themes.map((t) => [t.label, t.type, t.checked])).toEqual([
      ['Use System Setting', 'radio', false],
      ['Light', 'radio', false],
      ['Dark', 'radio', true],
    ]);
    (themes[1].click as () => void)();
    expect(a.setTheme).toHaveBeenCalledWith('light');
    const help = submenu(template, 'Help');
    (help.find((i) => i.label === 'About Dossier')!.click as () => void)();
    expect(a.about).toHaveBeenCalled();
  });

  it('offers reload and devtools only in development', () => {
    const prod = submenu(menuTemplate({ actions: actions(), theme: 'system', dev: false, platform: 'linux' }), 'View');
    const dev = submenu(menuTemplate({ actions: actions(), theme: 'system', dev: true, platform: 'linux' }), 'View');
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(roles(prod)).not.toContain(role);
      expect(roles(dev)).toContain(role);
    }
  });

  it('puts Quit in the app menu on macOS', () => {
    const template = menuTemplate({ actions: actions(), theme: 'system', dev: false, platform: 'darwin' });
    expect(template[0].label).toBe('Dossier');
    expect(roles(template[0].submenu as MenuItemConstructorOptions[])).toContain('quit');
    expect(roles(submenu(template, 'File'))).not.toContain('quit');
  });

  it('installs itself as the application menu', async () => {
    const electron = (await import('electron')) as unknown as { Menu: { menus: unknown[] } };
    installMenu({ actions: actions(), theme: 'system', dev: false, platform: 'linux' });
    expect(electron.Menu.menus).toHaveLength(1);
  });
});
