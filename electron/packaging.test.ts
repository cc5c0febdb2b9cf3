// electron.builder.json, checked the way electron-builder reads it (packaging itself needs
// the Electron binary, which cannot be downloaded here): its configuration, the Electron
// fuses it flips at packaging, and where the worker threads' files are packed.
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

  it('flips the Electron fuses that close the ways into the app, as electron-builder hands them to @electron/fuses', async () => {
    const config = JSON.parse(readFileSync(path.join(root, 'electron.builder.json'), 'utf8'));
    const { PlatformPackager } = await import('app-builder-lib' as string);
    const { FuseV1Options, FuseVersion } = await import('@electron/fuses' as string);
    // The very translation electron-builder runs right before signing (doAddElectronFuses).
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(wire.version).toBe(FuseVersion.V1);
    expect(wire[FuseV1Options.RunAsNode]).toBe(false); // ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false); // NODE_OPTIONS is ignored
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false); // --inspect and SIGUSR1 open no debugger
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true); // a changed app.asar is refused
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true); // no app/ folder beside it is loaded instead
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false); // the app is served over app://, not file://
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  // Workers are started from inside app.asar (Electron reads asar in worker threads since 17).
  // Unpacked, a worker would load outside the integrity check, and could not reach the
  // chunks and packages it imports, which stay in the archive.
  it('keeps every worker entry inside app.asar, where its chunks and packages are', () => {
    const config = JSON.parse(readFileSync(path.join(root, 'electron.builder.json'), 'utf8'));
    expect(config.asarUnpack ?? []).not.toContainEqual(expect.stringMatching(/^out\/main\/.*\.js$/));
    const vite = readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
    expect(vite).toContain("worker: path.join(root, 'archive/search/worker.ts')");
    expect(vite).toContain("'import-worker': path.join(root, 'archive/flows/import-worker.ts')");
  });
});
