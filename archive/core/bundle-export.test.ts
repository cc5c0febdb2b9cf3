// Exporting an archive to a .dossier file on disk: the bundle is whole or absent — a failed,
// cancelled or interrupted export leaves the target as it was and no temporary file beside it.

import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { Archive } from './archive';
import { tempDir, draft } from './test-archive';
import { addItem, deleteItem } from './items';
import { tagItem } from './tagging';
import { createNote } from './notes';
import { readBundle, writeBundleFile } from './bundle';

let dir: string;
let outDir: string;
let archive: Archive;
let ids: string[];

beforeEach(async () => {
  dir = await tempDir();
  outDir = await tempDir('dossier-out-');
  archive = await Archive.open(dir);
  ids = [];
  for (const n of [1, 2, 3]) {
    const text = `Story ${n}: China and Russia met to talk about grain, cars and trade.`;
    ids.push(await addItem(archive, draft(`Story ${n}`, text, { html: `<p>${text}</p>` })));
  }
  tagItem(archive, ids[0], ['Trade']);
  createNote(archive, ids[1], 'a note');
  await archive.flush();
});

afterEach(async () => {
  await archive.close();
  await Promise.all([rm(dir, { recursive: true, force: true }), rm(outDir, { recursive: true, force: true })]);
});

describe('exporting the archive to a file', () => {
  it('writes a bundle that imports back whole and that other zip readers accept', async () => {
    const out = path.join(outDir, 'all.dossier');
    const result = await writeBundleFile(archive, out);
    expect(result).toEqual({ out, items: 3, bytes: (await stat(out)).size });
    expect(await readdir(outDir)).toEqual(['all.dossier']);
    const bundle = readBundle(new Uint8Array(await readFile(out)));
    expect(bundle.data.items.map((i) => i.title)).toEqual(['Story 1', 'Story 2', 'Story 3']);
    expect(bundle.data.notes.map((n) => n.text)).toEqual(['a note']);
    expect([...bundle.content.keys()].sort()).toEqual(ids.flatMap((id) => [`${id}.html`, `${id}.txt`]).sort());
    if (spawnSync('python3', ['--version']).status !== 0) {
      console.warn('python3 is missing: the bundle was not checked by zipfile');
      return;
    }
    const script =
      'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))';
    expect(execFileSync('python3', ['-c', script, out], { encoding: 'utf8' }).trim()).toBe('8');
  });

  it('leaves the bundle it would replace, and no temporary file, when a body cannot be read', async () => {
    const out = path.join(outDir, 'all.dossier');
    await writeFile(out, 'the bundle of last week');
    await rm(path.join(dir, 'content', `${ids[2]}.txt`));
    await expect(writeBundleFile(archive, out)).rejects.toMatchObject({
      code: 'corrupt_archive',
      message: expect.stringMatching(`^The text of item ${ids[2]} is missing from .*; \`dossier verify\``),
    });
    expect(await readdir(outDir)).toEqual(['all.dossier']);
    expect(await readFile(out, 'utf8')).toBe('the bundle of last week');
  });

  it('says in one line that the folder to write to does not exist', async () => {
    const out = path.join(outDir, 'no such folder', 'all.dossier');
    await expect(writeBundleFile(archive, out)).rejects.toMatchObject({
      code: 'io_error',
      message: `Cannot write ${out}: its folder does not exist; nothing was written.`,
    });
    expect(await readdir(outDir)).toEqual([]);
  });

  it('writes nothing when cancelled', async () => {
    const out = path.join(outDir, 'all.dossier');
    const controller = new AbortController();
    const exporting = writeBundleFile(archive, out, { signal: controller.signal });
    controller.abort();
    await expect(exporting).rejects.toMatchObject({ code: 'cancelled' });
    expect(await readdir(outDir)).toEqual([]);
  });

  it('cannot replace a folder, and leaves it as it was', async () => {
    const out = path.join(outDir, 'all.dossier');
    await mkdir(out);
    await expect(writeBundleFile(archive, out)).rejects.toMatchObject({ code: 'io_error' });
    expect(await readdir(outDir)).toEqual(['all.dossier']);
    expect((await stat(out)).isDirectory()).toBe(true);
  });

  it('removes the temporary file an export killed long ago left, and not one being written now', async () => {
    const out = path.join(outDir, 'all.dossier');
    const [abandoned, current, other] = [
      '.all.dossier.0badc0de.tmp',
      '.all.dossier.12345678.tmp',
      '.other.dossier.0badc0de.tmp',
    ];
    for (const name of [abandoned, current, other]) await writeFile(path.join(outDir, name), 'half a zip');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    for (const name of [abandoned, other]) await utimes(path.join(outDir, name), hourAgo, hourAgo);
    await writeBundleFile(archive, out);
    expect((await readdir(outDir)).sort()).toEqual([current, other, 'all.dossier'].sort());
  });

  it('starts over when an item is deleted while its body is still to be written', async () => {
    const out = path.join(outDir, 'all.dossier');
    const store = archive.store;
    const read = store.readContent.bind(store);
    let deleted = false;
    // The first body read lets a real deletion through, as a window's edit would land mid-export.
    store.readContent = async (id, ext) => {
      if (!deleted) {
        deleted = true;
        await deleteItem(archive, ids[2]);
      }
      return read(id, ext);
    };
    const result = await writeBundleFile(archive, out);
    expect(result.items).toBe(2);
    const bundle = readBundle(new Uint8Array(await readFile(out)));
    expect(bundle.data.items.map((i) => i.id)).toEqual(ids.slice(0, 2));
    expect(bundle.content.size).toBe(4);
    expect(await readdir(outDir)).toEqual(['all.dossier']);
  });
});
