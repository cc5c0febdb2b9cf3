// The streaming zip writer, on real files: what it writes reads back whole through our own
// reader and through independent ones (Python's zipfile, Info-ZIP's unzip), ZIP64 included.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ZipWriter } from './zip-writer';
import { readZipDirectory, type ZipEntry } from './zip-directory';
import { safeUnzip } from './safe-unzip';
import { SIGNATURE } from './zip-records';
import { tempDir } from './test-archive';

const has = (command: string, args: string[]): boolean => spawnSync(command, args).status === 0;
const PYTHON = has('python3', ['--version']);
const UNZIP = has('unzip', ['-v']);

/** What Python's zipfile makes of the zip: its entry count, after checking every entry's CRC. */
function pythonCount(file: string): number {
  const script = [
    'import zipfile, sys',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, bad',
    'print(len(z.namelist()))',
  ].join('\n');
  return Number(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim());
}

/** What unzip makes of it: its entry count, after `unzip -t` found no error. */
function unzipCount(file: string): number {
  const test = spawnSync('unzip', ['-tqq', file], { encoding: 'utf8' });
  expect(test.stderr + test.stdout).toBe('');
  expect(test.status).toBe(0);
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\n')
    .filter(Boolean).length;
}

async function writeZip(file: string, fill: (zip: ZipWriter) => Promise<void>, at?: number): Promise<number> {
  const handle = await open(file, 'w');
  try {
    const zip = new ZipWriter(handle, { at, modified: new Date(2024, 9, 6, 12, 30, 10) });
    await fill(zip);
    return await zip.finish();
  } finally {
    await handle.close();
  }
}

function directory(bytes: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  readZipDirectory(bytes, (e) => entries.push(e));
  return entries;
}

let dir: string;
beforeAll(async () => {
  dir = await tempDir('dossier-zip-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ZipWriter', () => {
  it('writes entries that read back exactly, deflated only where that shrinks them', async () => {
    const file = path.join(dir, 'round-trip.zip');
    const text = new TextEncoder().encode('China and Russia met to talk about grain. '.repeat(500));
    const noise = new Uint8Array(randomBytes(64 * 1024));
    // ~2 MB in several chunks, varied enough to deflate like text (not like a bomb)
    const big = Array.from({ length: 60_000 }, (_, i) => `line ${i}, café 中国 ${(i * 7919) % 10007}\n`).join('');
    const length = await writeZip(file, async (zip) => {
      await zip.add('content/story.txt', text);
      await zip.add('content/noise.bin', noise);
      await zip.add('empty', new Uint8Array(0));
      await zip.add('café/中国.txt', new TextEncoder().encode('ünïcödé'));
      await zip.addStream(
        'streamed.json',
        (async function* () {
          for (let i = 0; i < big.length; i += 100_000) {
            yield big.slice(i, i + 100_000);
            // An empty chunk with no memory behind it changes neither the bytes nor the CRC.
            if (i === 0) yield new Uint8Array(0);
          }
        })(),
      );
      expect(zip.count).toBe(5);
    });
    const bytes = new Uint8Array(await readFile(file));
    expect(bytes.length).toBe(length);
    const files = safeUnzip(bytes);
    expect(Object.keys(files)).toEqual([
      'content/story.txt',
      'content/noise.bin',
      'empty',
      'café/中国.txt',
      'streamed.json',
    ]);
    expect(Buffer.from(files['content/story.txt'])).toEqual(Buffer.from(text));
    expect(Buffer.from(files['content/noise.bin'])).toEqual(Buffer.from(noise));
    expect(files['empty']).toHaveLength(0);
    expect(new TextDecoder().decode(files['café/中国.txt'])).toBe('ünïcödé');
    expect(new TextDecoder().decode(files['streamed.json'])).toBe(big);
    const methods = Object.fromEntries(directory(bytes).map((e) => [e.name, e.method]));
    expect(methods).toEqual({
      'content/story.txt': 8,
      'content/noise.bin': 0,
      empty: 0,
      'café/中国.txt': 0,
      'streamed.json': 8,
    });
    // A zip this small needs no ZIP64 end records: the end record follows the directory.
    expect(Buffer.from(bytes).readUInt32LE(bytes.length - 22)).toBe(SIGNATURE.end);
    expect(Buffer.from(bytes).indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBe(-1);
    if (PYTHON) expect(pythonCount(file)).toBe(5);
    else console.warn('python3 is missing: the zip was not checked by zipfile');
    if (UNZIP) expect(unzipCount(file)).toBe(5);
    else console.warn('unzip is missing: the zip was not checked by unzip -t');
  });

  it('writes ZIP64 end records for more than 65,535 entries, which other readers count right', async () => {
    const file = path.join(dir, 'many.zip');
    const count = 70_000;
    await writeZip(file, async (zip) => {
      for (let i = 0; i < count; i++) await zip.add(`e/${i}`, new Uint8Array([i & 0xff]));
    });
    const bytes = new Uint8Array(await readFile(file));
    const view = Buffer.from(bytes);
    expect(view.readUInt16LE(bytes.length - 22 + 10)).toBe(0xffff); // the end record defers to ZIP64
    expect(view.readUInt32LE(bytes.length - 22 - 20)).toBe(SIGNATURE.zip64Locator);
    const entries = directory(bytes);
    expect(entries).toHaveLength(count);
    expect(entries[count - 1]).toMatchObject({ name: `e/${count - 1}`, method: 0, size: 1 });
    expect(bytes[entries[count - 1].dataStart]).toBe((count - 1) & 0xff);
    if (PYTHON) expect(pythonCount(file)).toBe(count);
    else console.warn('python3 is missing: the ZIP64 zip was not checked by zipfile');
    if (UNZIP) expect(unzipCount(file)).toBe(count);
    else console.warn('unzip is missing: the ZIP64 zip was not checked by unzip -t');
  }, 30_000);

  it('gives entries past 4 GB their offsets in ZIP64 fields (a sparse file, read by Python)', async () => {
    if (!PYTHON) {
      console.warn('python3 is missing: offsets past 4 GB were not checked');
      return;
    }
    const file = path.join(dir, 'far.zip');
    const at = 5 * 1024 ** 3; // the zip starts after a 5 GB hole, which costs no disk
    try {
      await writeZip(
        file,
        async (zip) => {
          await zip.add('first.txt', new TextEncoder().encode('far away '.repeat(100)));
          await zip.addStream(
            'second.json',
            (async function* () {
              yield '{"far":';
              yield '"away"}';
            })(),
          );
        },
        at,
      );
      expect((await stat(file)).size).toBeGreaterThan(at);
      const script = [
        'import zipfile, sys',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'print(*[f"{i.filename}={i.header_offset}" for i in z.infolist()], z.read("second.json").decode())',
      ].join('\n');
      const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim();
      expect(out).toMatch(new RegExp(`^first\\.txt=${at} second\\.json=\\d+ \\{"far":"away"\\}$`));
    } finally {
      await rm(file, { force: true });
    }
  });
});
