import { describe, it, expect } from 'vitest';
import { compactArchiveJson, serialiseSnapshot } from './snapshot-file';
import { parseSealedInSlices } from './snapshot-slices';
import { emptyArchiveData, type ArchiveData } from './model';

/** Items whose text holds what the slicer cuts at, as text: a cut there would break the JSON. */
function archiveOf(count: number, extra: (i: number) => Record<string, unknown> = () => ({})): ArchiveData {
  const data = emptyArchiveData();
  for (let i = 0; i < count; i++) {
    data.items.push({
      id: String(i).padStart(16, '0'),
      title: `Item ${i}: },{"id":"x and ],"notes":[ in a title`,
      excerpt: `Déjà vu, 中文, ${'words '.repeat(60)}`,
      tags: ['A', 'B'],
      ...extra(i),
    } as unknown as ArchiveData['items'][number]);
  }
  data.notes.push({
    id: 'n1',
    itemId: data.items[0]?.id ?? 'x',
    text: 'A note',
  } as unknown as ArchiveData['notes'][number]);
  data.settings = { theme: 'dark' } as ArchiveData['settings'];
  return data;
}

async function bytesOf(parts: AsyncIterable<string>): Promise<Buffer> {
  const out: string[] = [];
  for await (const p of parts) out.push(p);
  return Buffer.from(out.join(''), 'utf8');
}

/** What a whole read of the same bytes gives, less the seal. */
function wholeParse(bytes: Buffer): Record<string, unknown> {
  const { seal: _seal, ...rest } = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  return rest;
}

describe('reading a sealed snapshot in slices', () => {
  it('gives exactly what a whole read gives, over several megabytes of items', async () => {
    const bytes = await bytesOf(serialiseSnapshot(archiveOf(9000), 7));
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    const sliced = await parseSealedInSlices(bytes);
    expect(sliced).toEqual(wholeParse(bytes));
    expect((sliced!.items as unknown[]).length).toBe(9000);
    expect(sliced!.seq).toBe(7);
  });

  it('reads an archive with no items', async () => {
    const bytes = await bytesOf(serialiseSnapshot(archiveOf(0), 0));
    expect(await parseSealedInSlices(bytes)).toEqual(wholeParse(bytes));
  });

  it('gives nothing for a snapshot without a seal, or with one that does not match its bytes', async () => {
    const data = archiveOf(3000);
    expect(await parseSealedInSlices(await bytesOf(compactArchiveJson(data)))).toBeNull();
    const bytes = await bytesOf(serialiseSnapshot(data, 1));
    const at = bytes.indexOf('Item 1500:');
    bytes[at] = 'J'.charCodeAt(0);
    expect(await parseSealedInSlices(bytes)).toBeNull();
  });

  it('never gives another answer than a whole read when a cut could fall inside an item', async () => {
    // Nested records keyed "id" first: the bytes between two items also occur inside one.
    const bytes = await bytesOf(
      serialiseSnapshot(
        archiveOf(6000, (i) => ({ parts: [{ id: `p${i}` }, { id: `q${i}` }] })),
        3,
      ),
    );
    const sliced = await parseSealedInSlices(bytes);
    if (sliced !== null) expect(sliced).toEqual(wholeParse(bytes));
  });
});
