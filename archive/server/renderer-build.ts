// Finds the built renderer and builds it once when it is missing, so that `dossier serve`
// works straight after `npm ci`. Build output goes to stderr: stdout's first line belongs
// to the address the server prints.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';

/** The project root: the nearest folder above this module whose package.json is Dossier's. */
export function projectRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'dossier') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function rendererDir(): string {
  return process.env.DOSSIER_RENDERER_DIR
    ? path.resolve(process.env.DOSSIER_RENDERER_DIR)
    : path.join(projectRoot(), 'out', 'renderer');
}

/** Builds out/renderer with Vite unless its index.html is already there. */
export async function ensureRendererBuilt(dir = rendererDir()): Promise<void> {
  if (existsSync(path.join(dir, 'index.html'))) return;
  const root = projectRoot();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite))
    throw new Error(`the renderer is not built (${dir}) and Vite is not installed to build it; run npm ci`);
  process.stderr.write('dossier: building the renderer (first run)…\n');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', path.join(root, 'renderer', 'vite.config.ts'), '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: ['ignore', process.stderr, process.stderr],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`building the renderer failed (vite exited with ${code})`)),
    );
  });
  if (!existsSync(path.join(dir, 'index.html')))
    throw new Error(`the renderer build did not produce ${dir}/index.html`);
}
