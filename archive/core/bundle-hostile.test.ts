// Hostile .dossier bundles: each is refused with one line naming what is wrong, and the
// archive it was imported into is left exactly as it was (data and content/ files).
import { describe, it, expect, beforeAll } from 'vitest';
import { readdir, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { Archive } from './archive';
import { tempDir, draft } from './test-archive';
import { addItem } from './items';
import { tagItem } from './tagging';
import { link } from './relations';
import { createNote } from './notes';
import { writeBundle } from './bundle';
import { importFiles } from '../flows/importing';

type Files = Record<string, Uint8Array>;
let valid: Files;

beforeAll(async () => {
  const dir = await tempDir();
  const archive = await Archive.open(dir);
  const a = await addItem(
    archive,
    draft('First', 'China and Russia met to talk about grain and cars.', { html: '<p>China and Russia</p>' }),
  );
  const b = await addItem(archive, draft('Second', 'A second story about trade between neighbours.'));
  tagItem(archive, a, ['Trade']);
  createNote(archive, a, 'a note');
  link(archive, a, b, null);
  valid = unzipSync(await writeBundle(archive));
  await archive.close();
  await rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The valid bundle with dossier.json changed by `change`, checksums made to match. */
function tampered(change: (data: any) => void, extra: Files = {}): Uint8Array {
  const data = JSON.parse(strFromU8(valid['dossier.json']));
  change(data);
  const files: Files = { ...valid, ...extra, 'dossier.json': strToU8(JSON.stringify(data)) };
  const manifest = JSON.parse(strFromU8(valid['manifest.json']));
  for (const p of Object.keys(files)) if (p !== 'manifest.json') manifest.checksums[p] = sha(files[p]);
  return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}

function withManifest(change: (m: any) => void): Uint8Array {
  const manifest = JSON.parse(strFromU8(valid['manifest.json']));
  change(manifest);
  return zipSync({ ...valid, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}

async function listContent(dir: string): Promise<string[]> {
  return (await readdir(`${dir}/content`)).sort();
}

/** Imports `bytes` into an empty and into a non-empty archive; returns the one reason given. */
async function refusal(bytes: Uint8Array): Promise<string> {
  const reasons: string[] = [];
  for (const seeded of [false, true]) {
    const dir = await tempDir();
    const archive = await Archive.open(dir);
    try {
      if (seeded) await addItem(archive, draft('Mine', 'Something already in the archive, about tea.'));
      await archive.flush();
      const before = structuredClone(archive.data);
      const files = await listContent(dir);
      const summary = await importFiles(archive, [{ name: 'hostile.dossier', bytes }], async () => {
        throw new Error('bundles are not parsed by importers');
      });
      expect(summary.imported).toEqual([]);
      expect(summary.skipped).toHaveLength(1);
      expect(archive.data).toEqual(before);
      expect(await listContent(dir)).toEqual(files);
      reasons.push(summary.skipped[0].reason);
    } finally {
      await archive.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  expect(reasons[0]).toBe(reasons[1]);
  expect(reasons[0]).not.toContain('\n');
  return reasons[0];
}

const refused = (why: string) => `This .dossier bundle was refused: ${why}. Nothing was imported.`;

describe('a hostile .dossier bundle is refused with one line and changes nothing', () => {
  it('an item id that is a path', async () => {
    const id = '../../../../tmp/x/secret';
    const reason = await refusal(tampered((d) => (d.items[0].id = id)));
    expect(reason).toBe(refused('its dossier.json is not valid (items[0].id: an id is 16 hexadecimal digits)'));
  });

  it('tags that are not a list', async () => {
    expect(await refusal(tampered((d) => (d.items[0].tags = 'x')))).toBe(
      refused('its dossier.json is not valid (items[0].tags: expected array, received string)'),
    );
  });

  it('a null item', async () => {
    expect(await refusal(tampered((d) => d.items.push(null)))).toBe(
      refused('its dossier.json is not valid (items[2]: expected object, received null)'),
    );
  });

  it('items that are not a list', async () => {
    expect(await refusal(tampered((d) => (d.items = { 0: d.items[0] })))).toBe(
      refused('dossier.json is damaged: "items" is not a list'),
    );
  });

  it('a note, highlight or relation that points at no item, or a tag not registered', async () => {
    expect(await refusal(tampered((d) => (d.notes[0].itemId = 'ffffffffffffffff')))).toBe(
      refused('its dossier.json is not valid (notes[0].itemId: belongs to a missing item)'),
    );
    expect(await refusal(tampered((d) => (d.relations[0].b = 'ffffffffffffffff')))).toBe(
      refused('its dossier.json is not valid (relations[0]: points at a missing item)'),
    );
    expect(
      await refusal(
        tampered((d) =>
          d.highlights.push({
            id: '0123456789abcdef',
            itemId: d.items[0].id,
            quote: 'x',
            start: 'zero',
            end: 1,
            comment: null,
            color: null,
            created: '',
            updated: '',
          }),
        ),
      ),
    ).toBe(refused('its dossier.json is not valid (highlights[0].start: expected number, received string)'));
    expect(await refusal(tampered((d) => (d.tags = [])))).toBe(
      refused('its dossier.json is not valid (items[0].tags: tag “Trade” is not registered)'),
    );
  });

  it('the same item twice, or a body an item claims but the bundle lacks', async () => {
    expect(await refusal(tampered((d) => d.items.push(d.items[0])))).toBe(
      refused(
        `its dossier.json is not valid (items[2].id: item ${JSON.parse(strFromU8(valid['dossier.json'])).items[0].id} appears twice)`,
      ),
    );
    const data = JSON.parse(strFromU8(valid['dossier.json']));
    const id = data.items[1].id;
    expect(await refusal(tampered((d) => (d.items[1].content.html = true)))).toBe(
      refused(`the HTML of item ${id} is missing`),
    );
  });

  it('a content file whose name is not an id', async () => {
    expect(await refusal(tampered(() => undefined, { 'content/..evil.txt': strToU8('x') }))).toBe(
      refused('it holds an unexpected file (content/..evil.txt)'),
    );
  });

  it('a body that is not text', async () => {
    const id = JSON.parse(strFromU8(valid['dossier.json'])).items[0].id;
    expect(await refusal(tampered(() => undefined, { [`content/${id}.txt`]: new Uint8Array(1000) }))).toBe(
      refused(`content/${id}.txt is not text (it holds nothing but NUL bytes)`),
    );
    expect(
      await refusal(
        tampered(() => undefined, { [`content/${id}.html`]: new Uint8Array([0x3c, 0x70, 0x3e, 0xff, 0xfe, 0x41]) }),
      ),
    ).toBe(refused(`content/${id}.html is not UTF-8 text`));
  });

  it('a manifest of the wrong shape', async () => {
    expect(await refusal(withManifest((m) => (m.checksums = 'none')))).toBe(
      refused('its manifest is not valid (checksums: expected record, received string)'),
    );
    expect(await refusal(withManifest((m) => (m.version = '1')))).toBe(
      refused('its manifest is not a Dossier manifest'),
    );
    expect(await refusal(withManifest((m) => (m.items = 7)))).toBe(
      refused('its manifest promises 7 items but dossier.json holds 2'),
    );
    expect(await refusal(zipSync({ ...valid, 'manifest.json': strToU8('null') }))).toBe(
      refused('its manifest is not a Dossier manifest'),
    );
  });

  it('a dossier.json that is not JSON', async () => {
    const files = { ...valid, 'dossier.json': strToU8('{') };
    const manifest = JSON.parse(strFromU8(valid['manifest.json']));
    manifest.checksums['dossier.json'] = sha(files['dossier.json']);
    expect(await refusal(zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) }))).toBe(
      refused('its dossier.json is not valid JSON'),
    );
  });

  it('an archive whose data holds a bad id cannot be exported through it', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir);
    try {
      await addItem(archive, draft('Mine', 'Something in the archive, about tea and trade.'));
      archive.data.items[0].id = '../../../../tmp/x/secret'; // as a damaged or crafted dossier.json would have it
      await expect(writeBundle(archive)).rejects.toThrow(
        'Refused the item id "../../../../tmp/x/secret": an item id is 16 hexadecimal digits.',
      );
    } finally {
      archive.data.items.splice(0);
      await archive.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
