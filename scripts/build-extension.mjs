// Builds the browser extension (extension/) into out/extension/: popup.js and background.js
// bundled with esbuild for Chromium 120+ and Firefox 121+, the manifest, popup page and
// icons copied beside them. `--zip` also writes out/dossier-extension-<version>.zip.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, zlibSync } from 'fflate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'extension');
const outDir = path.join(root, 'out/extension');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.join(outDir, 'icons'), { recursive: true });

try {
  await build({
    entryPoints: { popup: path.join(src, 'src/popup.ts'), background: path.join(src, 'src/background.ts') },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox121'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
  });
} catch {
  process.stderr.write('build-extension: bundling the extension failed\n');
  process.exit(1);
}
for (const name of ['manifest.json', 'popup.html', 'popup.css'])
  copyFileSync(path.join(src, name), path.join(outDir, name));

// ---- icons: a dossier folder in the app's blue, drawn here so no binary sits in the repo ----
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function icon(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const inside = (x, y, x0, y0, x1, y1, r) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      let rgba = [0, 0, 0, 0];
      if (inside(u, v, 0.04, 0.04, 0.96, 0.96, 0.2)) rgba = [47, 93, 138, 255];
      // a sheet of paper with a folded tab, and lines of text
      if (inside(u, v, 0.26, 0.2, 0.74, 0.82, 0.04)) rgba = [248, 250, 252, 255];
      if (u > 0.33 && u < 0.67 && [0.36, 0.48, 0.6].some((l) => v > l && v < l + 0.055) && size >= 32)
        rgba = [47, 93, 138, 255];
      raw.set(rgba, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
for (const size of [16, 32, 48, 128]) writeFileSync(path.join(outDir, 'icons', `${size}.png`), icon(size));

if (process.argv.includes('--zip')) {
  const files = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(outDir, full).split(path.sep).join('/')] = readFileSync(full);
    }
  };
  walk(outDir);
  const { version } = JSON.parse(readFileSync(path.join(src, 'manifest.json'), 'utf8'));
  const zip = path.join(root, 'out', `dossier-extension-${version}.zip`);
  writeFileSync(zip, zipSync(files, { level: 9 }));
  process.stdout.write(`built ${path.relative(root, zip)}\n`);
}
process.stdout.write(`built ${path.relative(root, outDir)}/\n`);
