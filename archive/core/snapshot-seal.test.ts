import { describe, it, expect, afterEach, vi } from 'vitest';
import { readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { Archive } from './archive';
import { Store } from './store';
import { tempDir, draft } from './test-archive';
import { addItem } from './items';
import { tagItem } from './tagging';
import { ArchiveData } from './model';
import { hasValidSeal, schemaStamp } from './snapshot-seal';

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** An archive of three items whose snapshot Dossier has just written (and sealed). */
async function sealedArchive(): Promise<{ dir: string; file: string; ids: string[] }> {
  const dir = await tempDir();
  dirs.push(dir);
  const archive = await Archive.open(dir);
  const ids = [];
  for (const title of ['Harbour strike ends', 'Grain prices fall', 'Ferry route reopens'])
    ids.push(await addItem(archive, draft(title, `${title}: the text.`)));
  await archive.durable();
  await archive.store.fold();
  await archive.close();
  return { dir, file: path.join(dir, 'dossier.json'), ids };
}

/** Replaces the bytes before the seal and stamps a seal that matches them again. */
function reseal(text: string, edit: (body: string) => string, schema = schemaStamp()): string {
  const at = text.lastIndexOf(',"seal":');
  const body = edit(text.slice(0, at));
  return `${body},"seal":{"crc":${crc32(body)},"schema":"${schema}"}}`;
}

describe('the snapshot seal', () => {
  it('ends every snapshot Dossier writes, and is not part of the data read back', async () => {
    const { dir, file } = await sealedArchive();
    const bytes = await readFile(file);
    expect(hasValidSeal(bytes)).toBe(true);
    expect(bytes.toString('utf8')).toMatch(/,"seal":\{"crc":\d+,"schema":"[0-9a-f]{8}"\}\}$/);
    const store = await Store.open(dir, { readOnly: true });
    expect(store.data).not.toHaveProperty('seal');
    expect(store.data.items).toHaveLength(3);
    await store.close();
  });

  it('lets a read skip the schema for a snapshot as Dossier wrote it, and only then', async () => {
    const { dir, file } = await sealedArchive();
    const parse = vi.spyOn(ArchiveData, 'safeParse');
    const sealed = await Store.open(dir, { readOnly: true });
    await sealed.close();
    expect(parse).not.toHaveBeenCalled();
    // One byte edited by hand (a title, still valid): the seal no longer matches, so it is validated.
    await writeFile(file, (await readFile(file, 'utf8')).replace('Grain prices fall', 'Grain prices rise'));
    const edited = await Store.open(dir, { readOnly: true });
    expect(parse).toHaveBeenCalledTimes(1);
    expect(edited.data.items.map((i) => i.title)).toContain('Grain prices rise');
    await edited.close();
  });

  it('still refuses a damaged snapshot with the same one-line message', async () => {
    const { dir, file } = await sealedArchive();
    const text = await readFile(file, 'utf8');
    // Damage that keeps the JSON whole but breaks an id, under a seal that no longer matches.
    const damaged = text.replace(/"id":"[0-9a-f]{16}"/, '"id":"../../etc/passwd"');
    await writeFile(file, damaged);
    await expect(Archive.open(dir, { readOnly: true })).rejects.toThrow(
      /^dossier\.json is damaged: items\[0\]\.id: .*dossier restore <id>`\.$/,
    );
    await expect(Archive.open(dir)).rejects.toMatchObject({ code: 'corrupt_archive' });
    expect(await readFile(file, 'utf8')).toBe(damaged);
    // Cut short: not JSON at all.
    await writeFile(file, text.slice(0, text.length / 2));
    await expect(Archive.open(dir, { readOnly: true })).rejects.toThrow(
      /^dossier\.json is not valid JSON .*left untouched/,
    );
  });

  it('validates a hand-edited snapshot even when its editor stamped a seal for another schema', async () => {
    const { dir, file } = await sealedArchive();
    // A seal that matches the bytes but not this schema: an item without the fields the
    // schema fills in by default is read with them filled in, as before seals.
    const text = reseal(await readFile(file, 'utf8'), (body) => body.replace(/,"favourite":false/, ''), '00000000');
    await writeFile(file, text);
    const store = await Store.open(dir, { readOnly: true });
    expect(store.data.items.every((i) => i.favourite === false)).toBe(true);
    await store.close();
    // And with a matching schema stamp but invalid content (an editor that knew the format),
    // what only the schema would catch is caught by the one shape check a sealed read keeps.
    await writeFile(
      file,
      reseal(text, (body) => body.replace('"items":[', '"items":7,"x":[')),
    );
    await expect(Store.open(dir, { readOnly: true })).rejects.toMatchObject({ code: 'corrupt_archive' });
  });

  it('replays the journal over a sealed snapshot', async () => {
    const { dir, ids } = await sealedArchive();
    const writer = await Archive.open(dir);
    tagItem(writer, ids[1], ['Markets']);
    const late = await addItem(writer, draft('Port fees rise', 'Port fees rise: the text.'));
    await writer.durable();
    const reader = await Archive.open(dir, { readOnly: true });
    expect(reader.item(ids[1]).tags).toEqual(['Markets']);
    expect(reader.item(late).title).toBe('Port fees rise');
    expect((await reader.index.query({ q: 'port fees' })).hits.map((h) => h.id)).toContain(late);
    await reader.close();
    await writer.close();
  });

  it('is added by the next writer to a snapshot from before seals, which is validated meanwhile', async () => {
    const { dir, file, ids } = await sealedArchive();
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text.slice(0, text.lastIndexOf(',"seal":'))}}`);
    expect(hasValidSeal(await readFile(file))).toBe(false);
    const reader = await Archive.open(dir, { readOnly: true });
    expect(reader.item(ids[0]).title).toBe('Harbour strike ends');
    await reader.close();
    expect(hasValidSeal(await readFile(file))).toBe(false); // a read writes nothing
    const writer = await Archive.open(dir);
    await writer.close();
    expect(hasValidSeal(await readFile(file))).toBe(true);
  });
});
