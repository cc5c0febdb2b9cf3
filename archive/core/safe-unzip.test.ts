import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { safeUnzip, UNZIP_LIMITS } from './safe-unzip';
import { deflated, deflatedZeros, rawZip } from './zip-fixtures';

const small = { ...UNZIP_LIMITS, entries: 5, entryBytes: 1000, totalBytes: 1500 };

describe('safeUnzip', () => {
  it('reads an honest zip', () => {
    const files = safeUnzip(zipSync({ 'a.txt': strToU8('hello'), 'b/c.txt': strToU8('x'.repeat(5000)) }));
    expect(Object.keys(files).sort()).toEqual(['a.txt', 'b/c.txt']);
    expect(new TextDecoder().decode(files['b/c.txt'])).toBe('x'.repeat(5000));
  });

  it('refuses a zip whose directory declares more than the caps, before inflating', () => {
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}`, strToU8('x')]));
    expect(() => safeUnzip(zipSync(many), small)).toThrow('it holds more than 5 files');
    expect(() => safeUnzip(zipSync({ big: new Uint8Array(1001) }), small)).toThrow(
      'big would inflate to 1001 bytes (the limit is 1000 bytes)',
    );
    expect(() => safeUnzip(zipSync({ a: new Uint8Array(800), b: new Uint8Array(800) }), small)).toThrow(
      'it would inflate to more than 1500 bytes',
    );
    expect(() => safeUnzip(rawZip([deflated('zeros', new Uint8Array(4 * 1024 * 1024))]))).toThrow(
      /^zeros would inflate \d+ times \(a zip bomb\)$/,
    );
  });

  it('refuses an entry that inflates to more than it declares, and stops there', () => {
    const liar = { ...deflated('dossier.json', new Uint8Array(200_000)), declaredSize: 100 };
    expect(() => safeUnzip(rawZip([liar]))).toThrow(
      'dossier.json inflates to more than the 100 bytes it declares (a zip bomb)',
    );
  });

  it('reads every entry of a zip with more than 65,535 of them, with or without ZIP64 records', () => {
    const entries = Array.from({ length: 70_000 }, (_, i) => ({
      name: `content/${i}.txt`,
      stored: strToU8(`${i}`),
      method: 0 as const,
      declaredSize: `${i}`.length,
    }));
    for (const zip64 of [false, true]) {
      const files = safeUnzip(rawZip(entries, { zip64 }));
      expect(Object.keys(files)).toHaveLength(70_000);
      expect(new TextDecoder().decode(files['content/69999.txt'])).toBe('69999');
    }
  });

  it('refuses what is not a zip, and unknown compression', () => {
    expect(() => safeUnzip(strToU8('PK\x03\x04 but not really'))).toThrow('it is not a readable zip file');
    const honest = rawZip([deflated('a.txt', strToU8('some text, deflated'))]);
    expect(() => safeUnzip(honest.subarray(0, honest.length - 30))).toThrow('it is not a readable zip file');
    const damaged = honest.slice();
    damaged.fill(0xff, 30 + 5, 30 + 12); // inside the deflated data
    expect(() => safeUnzip(damaged)).toThrow(
      /^a\.txt (cannot be inflated \(it is damaged\)|is damaged \(it does not hold what it declares\)|inflates to more)/,
    );
    expect(() => safeUnzip(rawZip([{ name: 'x', stored: strToU8('abc'), method: 14 as 8, declaredSize: 3 }]))).toThrow(
      'x uses an unsupported compression method (14)',
    );
  });

  // A 1 MB zip that inflates to about 1 GB: once honest about its size, once lying.
  it('refuses a 1 MB zip bomb quickly, with a few hundred MB at most (measured in a child process)', async () => {
    const zeros = await deflatedZeros(1024 * 1024 * 1024);
    expect(zeros.length).toBeLessThan(1_200_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-bomb-'));
    try {
      const honest = path.join(dir, 'honest.dossier');
      const liar = path.join(dir, 'liar.dossier');
      writeFileSync(
        honest,
        rawZip([{ name: 'dossier.json', stored: zeros, method: 8, declaredSize: 1024 * 1024 * 1024 }]),
      );
      writeFileSync(
        liar,
        rawZip([
          { name: 'manifest.json', stored: strToU8('{}'), method: 0, declaredSize: 2 },
          { name: 'dossier.json', stored: zeros, method: 8, declaredSize: 4000 },
        ]),
      );
      const bundle = fileURLToPath(new URL('./bundle.ts', import.meta.url));
      const script = `
        import { readFileSync } from 'node:fs';
        import { readBundle } from ${JSON.stringify(bundle)};
        const out = [];
        for (const file of process.argv.slice(1)) {
          const bytes = readFileSync(file);
          const t0 = performance.now();
          let message = 'accepted';
          try { readBundle(bytes); } catch (e) { message = e.message; }
          out.push({ message, ms: performance.now() - t0 });
        }
        console.log(JSON.stringify({ out, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
      const result = JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, honest, liar], {
          encoding: 'utf8',
        }),
      );
      console.log(
        `zip bomb (1 MB → 1 GB): ${result.out.map((o: { ms: number }) => `${o.ms.toFixed(1)} ms`).join(', ')}; child max RSS ${result.maxRssMb.toFixed(0)} MB`,
      );
      expect(result.out[0].message).toBe(
        'This .dossier bundle was refused: dossier.json would inflate to 1024 MB (the limit is 512 MB). Nothing was imported.',
      );
      expect(result.out[1].message).toBe(
        'This .dossier bundle was refused: dossier.json inflates to more than the 4000 bytes it declares (a zip bomb). Nothing was imported.',
      );
      for (const o of result.out) expect(o.ms).toBeLessThan(1000);
      expect(result.maxRssMb).toBeLessThan(300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
