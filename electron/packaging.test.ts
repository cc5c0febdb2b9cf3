// electron.builder.json, checked the way electron-builder reads it (packaging itself needs
// the Electron binary, which cannot be downloaded here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('electron.builder.json', () => {
  it('is a valid electron-builder configuration for Dossier on Linux, Windows and macOS', async () => {
    const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config.js' as string);
    const { DebugLogger } = await import('builder-util' as string);
    const config = await getConfig(root, path.join(root, 'electron.builder.json'), null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.appId).toBe('app.dossier.desktop');
    expect(config.productName).toBe('Dossier');
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('packs only the build output and package.json (dependencies come from package.json)', () => {
    const config = JSON.parse(readFileSync(path.join(root, 'electron.builder.json'), 'utf8'));
    const included = config.files.filter((f: string) => !f.startsWith('!'));
    expect(included).toEqual(['out/**/*', 'package.json']);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.productName).toBe('Dossier');
  });
});
