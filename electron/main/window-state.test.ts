import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  readWindowState,
  toStoredBounds,
  visibleBounds,
  writeWindowState,
  type WindowState,
} from './window-state';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-window-state-'));
  dirs.push(dir);
  return path.join(dir, 'window-state.json');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const saved: WindowState = {
  version: 1,
  bounds: { x: 40, y: 30, width: 1100, height: 800 },
  maximized: false,
  theme: 'dark',
};

describe('the remembered window state', () => {
  it('reads back what was written, and leaves no temporary file', async () => {
    const file = tempFile();
    await writeWindowState(file, saved);
    expect(await readWindowState(file)).toEqual(saved);
    expect(readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('creates the folder it is written to', async () => {
    const file = path.join(path.dirname(tempFile()), 'nested', 'deeper', 'window-state.json');
    await writeWindowState(file, saved);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
  });

  it.each([
    ['missing', null],
    ['not JSON', '{"version":1,'],
    ['a newer version', JSON.stringify({ ...saved, version: 2 })],
    ['a tiny window', JSON.stringify({ ...saved, bounds: { x: 0, y: 0, width: 10, height: 10 } })],
    ['a huge window', JSON.stringify({ ...saved, bounds: { x: 0, y: 0, width: 1e9, height: 800 } })],
    ['fractional bounds', JSON.stringify({ ...saved, bounds: { x: 0.5, y: 0, width: 900, height: 800 } })],
    ['an unknown theme', JSON.stringify({ ...saved, theme: 'sepia' })],
    ['the wrong shape', JSON.stringify([1, 2, 3])],
  ])('gives the defaults when the file is %s', async (_what, content) => {
    const file = tempFile();
    if (content !== null) writeFileSync(file, content);
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('refuses to write an invalid state', async () => {
    await expect(writeWindowState(tempFile(), { ...saved, theme: 'sepia' as never })).rejects.toThrow();
  });

  it('keeps bounds only if the title bar is on a screen', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(visibleBounds(saved.bounds, screens)).toEqual(saved.bounds);
    expect(visibleBounds({ x: 3000, y: 0, width: 800, height: 600 }, screens)).toBeNull();
    expect(visibleBounds({ x: 100, y: -500, width: 800, height: 600 }, screens)).toBeNull();
    expect(
      visibleBounds({ x: 2000, y: 100, width: 800, height: 600 }, [
        ...screens,
        { x: 1920, y: 0, width: 1280, height: 1024 },
      ]),
    ).not.toBeNull();
    expect(visibleBounds(null, screens)).toBeNull();
  });

  it('stores whole pixels within the allowed sizes', () => {
    expect(toStoredBounds({ x: 1.4, y: 2.6, width: 300, height: 100.2 })).toEqual({
      x: 1,
      y: 3,
      width: 720,
      height: 480,
    });
  });
});
