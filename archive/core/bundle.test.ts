import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rm, readdir, readFile } from 'node:fs/promises';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { createHash } from 'node:crypto';
import { Archive } from './archive';
import { tempDir, draft } from './test-archive';
import { addItem } from './items';
import { tagItem } from './tagging';
import { link } from './relations';
import { createNote } from './notes';
import { createHighlight } from './highlights';
import { writeBundle, readBundle } from './bundle';
import { importBundle } from '../flows/bundle-import';

const WORDS = [
  'china',
  'russia',
  'trade',
  'summit',
  'minister',
  'cars',
  'grain',
  'sanctions',
  'brics',
  'talks',
  'ölpreis',
  'café',
  '中国',
];
const TAGS = ['Diplomacy', 'Trade', 'China–Russia', 'to read', 'Économie'];

const itemSpec = fc.record({
  title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 12, maxLength: 60 }),
  tags: fc.subarray(TAGS),
  notes: fc.array(
    fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0),
    { maxLength: 3 },
  ),
  highlight: fc.option(fc.nat(), { nil: null }),
  url: fc.option(fc.webUrl(), { nil: null }),
});
const archiveSpec = fc.record({
  items: fc.array(itemSpec, { minLength: 1, maxLength: 6 }),
  links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(fc.constantFrom('background', 'follow-up'), { nil: null })), {
    maxLength: 5,
  }),
});

type ArchiveSpec = typeof archiveSpec extends fc.Arbitrary<infer T> ? T : never;

async function build(dir: string, spec: ArchiveSpec): Promise<Archive> {
  const archive = await Archive.open(dir);
  const ids: string[] = [];
  for (const [n, s] of spec.items.entries()) {
    const text = `${n} ${s.words.join(' ')}`; // the number keeps texts distinct
    const id = await addItem(archive, draft(s.title, text, { url: s.url, html: `<p>${text}</p>` }));
    ids.push(id);
    if (s.tags.length) tagItem(archive, id, s.tags);
    for (const note of s.notes) createNote(archive, id, note);
    if (s.highlight !== null) {
      const words = text.split(' ');
      const start = s.highlight % words.length;
      const quote = words.slice(start, start + 3).join(' ');
      await createHighlight(archive, {
        itemId: id,
        quote,
        start: text.indexOf(quote),
        end: text.indexOf(quote) + quote.length,
        comment: 'why',
      });
    }
  }
  for (const [x, y, label] of spec.links) {
    const [a, b] = [ids[x % ids.length], ids[y % ids.length]];
    if (a !== b) link(archive, a, b, label);
  }
  await archive.flush();
  return archive;
}

async function contentOf(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(`${dir}/content`)).filter((f) => !f.startsWith('.')).sort();
  return Object.fromEntries(
    await Promise.all(files.map(async (f) => [f, await readFile(`${dir}/content/${f}`, 'utf8')] as const)),
  );
}

describe('.dossier bundles', () => {
  it('restore an archive exactly into an empty one', async () => {
    await fc.assert(
      fc.asyncProperty(archiveSpec, async (spec) => {
        const [from, to] = [await tempDir(), await tempDir()];
        try {
          const source = await build(from, spec);
          const bytes = await writeBundle(source);
          const expected = structuredClone(source.data);
          await source.close();
          const target = await Archive.open(to);
          await importBundle(target, readBundle(bytes));
          await target.close();
          const reopened = await Archive.open(to, { readOnly: true });
          // The journal position is each archive's own; everything the reader kept is equal.
          expect({ ...reopened.data, seq: 0 }).toEqual({ ...expected, seq: 0 });
          await reopened.close();
          expect(await contentOf(to)).toEqual(await contentOf(from));
        } finally {
          await Promise.all([rm(from, { recursive: true, force: true }), rm(to, { recursive: true, force: true })]);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('merge into an archive that has items without adding any twice', async () => {
    const [from, to] = [await tempDir(), await tempDir()];
    const spec = {
      items: [
        {
          title: 'Shared',
          words: ['china', 'trade', 'summit', 'cars', 'grain', 'talks', 'minister', 'russia', 'brics'],
          tags: ['Trade'],
          notes: ['from A'],
          highlight: null,
          url: 'https://example.com/story',
        },
      ],
      links: [],
    };
    const a = await build(from, spec);
    const bytes = await writeBundle(a);
    await a.close();
    const b = await Archive.open(to);
    const existing = await addItem(
      b,
      draft('Mine', 'Other text entirely, about something else: grain prices.', {
        url: 'https://EXAMPLE.com/story?utm_source=x',
      }),
    );
    tagItem(b, existing, ['Mine']);
    const summary = await importBundle(b, readBundle(bytes));
    expect(summary.imported).toEqual([]);
    expect(b.data.items).toHaveLength(1);
    expect(b.item(existing).tags).toEqual(['Mine', 'Trade']);
    expect(b.notesOf(existing).map((n) => n.text)).toEqual(['from A']);
    await b.close();
    await Promise.all([rm(from, { recursive: true, force: true }), rm(to, { recursive: true, force: true })]);
  });

  describe('are refused whole', () => {
    async function validBundle(): Promise<Record<string, Uint8Array>> {
      const dir = await tempDir();
      const archive = await build(dir, {
        items: [{ title: 'T', words: WORDS, tags: [], notes: [], highlight: null, url: null }],
        links: [],
      });
      const files = unzipSync(await writeBundle(archive));
      await archive.close();
      await rm(dir, { recursive: true, force: true });
      return files;
    }

    function manifestOf(files: Record<string, Uint8Array>) {
      return JSON.parse(strFromU8(files['manifest.json']));
    }

    function withManifest(
      files: Record<string, Uint8Array>,
      change: (m: Record<string, unknown> & { checksums: Record<string, string> }) => void,
    ) {
      const m = manifestOf(files);
      change(m);
      return { ...files, 'manifest.json': strToU8(JSON.stringify(m)) };
    }

    it('with a bad checksum', async () => {
      const files = await validBundle();
      const json = strFromU8(files['dossier.json']).replace('"T"', '"X"');
      expect(() => readBundle(zipSync({ ...files, 'dossier.json': strToU8(json) }))).toThrow(
        /checksum of dossier.json/,
      );
    });

    it('with a path that leaves the archive', async () => {
      const files = await validBundle();
      for (const bad of ['../evil.txt', 'content/../../evil.txt', '/etc/evil']) {
        const evil = strToU8('x');
        const sum = createHash('sha256').update(evil).digest('hex');
        const zipped = zipSync(withManifest({ ...files, [bad]: evil }, (m) => (m.checksums[bad] = sum)));
        expect(() => readBundle(zipped)).toThrow(/leaves the archive/);
      }
    });

    it('from a newer Dossier', async () => {
      const files = await validBundle();
      expect(() => readBundle(zipSync(withManifest(files, (m) => (m.version = 99))))).toThrow(/newer Dossier/);
    });

    it('that is not a zip', () => {
      expect(() => readBundle(strToU8('not a zip'))).toThrow(/not a readable zip/);
    });
  });
});
