// Encrypted sync: with a passphrase everything written to the target is sealed (AES-256-GCM,
// key from scrypt); the other machine with the same passphrase reads it; a wrong
// passphrase, a tampered segment or a tampered blob is refused with one line; and nothing
// in the target names or shows the archive's content.

import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tempArchive, tempDir, draft } from '../core/test-archive';
import { addItem } from '../core/items';
import { tagItem } from '../core/tagging';
import { syncRound } from './round';
import { FolderTarget } from './target';
import { plainCodec, newKeyParams, openKeyParams, SyncRefused } from './codec';

const TEXT = 'A secret article about the relationship between China and Russia, which has reached a new level.';

async function everyFile(root: string, dir = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    out.push(...(entry.isDirectory() ? await everyFile(root, rel) : [rel]));
  }
  return out;
}

describe('encrypted sync', () => {
  it('round-trips between two archives and leaves nothing readable in the folder', async () => {
    const folder = await tempDir('dossier-sync-enc-');
    const a = await tempArchive({ seeded: false });
    const b = await tempArchive({ seeded: false });
    const target = new FolderTarget(folder);
    const x = await addItem(a.archive, draft('Confidential title', TEXT, { url: 'https://secret.example/story' }));
    await tagItem(a.archive, x, ['classified']);
    await syncRound(a.archive, target, { passphrase: 'correct horse' });
    await syncRound(b.archive, target, { passphrase: 'correct horse' });
    expect(b.archive.item(x).title).toBe('Confidential title');
    expect(await b.archive.store.readContent(x, 'txt')).toBe(TEXT);

    for (const file of await everyFile(folder)) {
      expect(file).toMatch(
        /^(dossier-sync\.json|devices\/[0-9a-f]{16}\/(state\.json|\d{8}\.seg)|blobs\/[0-9a-f]{64})$/,
      );
      if (file === 'dossier-sync.json') continue;
      const bytes = await fs.readFile(path.join(folder, file));
      for (const secret of ['Confidential', 'classified', 'secret.example', 'China', 'title'])
        expect(bytes.includes(secret)).toBe(false);
      expect(bytes.subarray(0, 4).toString()).toBe('DSE1');
    }

    // A wrong passphrase, or none, is refused before anything is read or written.
    const c = await tempArchive({ seeded: false });
    await expect(syncRound(c.archive, target, { passphrase: 'wrong horse' })).rejects.toThrow(
      /^The passphrase does not open this sync target/,
    );
    await expect(syncRound(c.archive, target, {})).rejects.toThrow(/is encrypted; give its passphrase/);
    expect(c.archive.data.items).toHaveLength(0);

    // A flipped byte in a segment: refused (with the file named), never applied.
    const y = await addItem(a.archive, draft('Second', `${TEXT} Again, with more words in it.`));
    const sent = await syncRound(a.archive, target, { passphrase: 'correct horse' });
    const seg = path.join(folder, 'devices', sent.device, `${String(sent.published.segment).padStart(8, '0')}.seg`);
    const bytes = await fs.readFile(seg);
    bytes[bytes.length - 20] ^= 1;
    await fs.writeFile(seg, bytes);
    const refused = await syncRound(b.archive, target, { passphrase: 'correct horse' });
    expect(refused.refused).toEqual([
      expect.stringMatching(
        /00000002\.seg: .* was changed outside Dossier or sealed with another passphrase; it was not applied\./,
      ),
    ]);
    expect(b.archive.has(y)).toBe(false);
    for (const t of [a, b, c]) await t.cleanup();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('tells a file still arriving from a forged one', () => {
    const { params, codec } = newKeyParams('pass');
    const sealed = codec.seal(Buffer.from('hello world'));
    expect(codec.open(sealed.subarray(0, sealed.length - 5), 'f')).toEqual({ ok: false, torn: true });
    expect(() => codec.open(Buffer.concat([sealed, Buffer.from('x')]), 'f')).toThrow(SyncRefused);
    expect(Buffer.from((codec.open(sealed, 'f') as { bytes: Uint8Array }).bytes).toString()).toBe('hello world');
    // The same content seals to the same blob (stored once); another passphrase cannot open it.
    expect(codec.sealBlob(Buffer.from('body')).name).toBe(codec.sealBlob(Buffer.from('body')).name);
    expect(() => openKeyParams('other', params)).toThrow(SyncRefused);
    expect(plainCodec.sealBlob(Buffer.from('body')).name).toMatch(/^[0-9a-f]{64}$/);
  });
});
