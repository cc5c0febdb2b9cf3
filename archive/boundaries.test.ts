// Where code may reach (CONVENTIONS.md): archive/ knows nothing of Electron, React or the
// renderer; the renderer takes only types from archive/api, plus the shared rules (limits,
// tag identity, Markdown: archive/api/rules.ts) at run time; the preload takes only the
// method names and electron. Checked over the real source files' import statements.

import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  const full = path.join(ROOT, dir);
  return readdirSync(full).flatMap((name) => {
    const p = path.join(full, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : sources(path.join(dir, name));
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path.join(dir, name)] : [];
  });
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) {
    found.push({ file, spec: m[3], typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ file, spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ file, spec: m[1], typeOnly: false });
  return found;
}

function resolved(imp: Import): string {
  return imp.spec.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(imp.file), imp.spec)) : imp.spec;
}

describe('module boundaries', () => {
  it('archive/ imports nothing from Electron, React, the DOM side or the hosts', () => {
    const bad = sources('archive')
      .flatMap(importsOf)
      .filter((i) => /^(electron|react|react-dom)(\/|$)/.test(i.spec) || /^(renderer|electron)\//.test(resolved(i)));
    expect(bad).toEqual([]);
  });

  it('the renderer takes only types from archive/api, and at run time only its rules', () => {
    const files = sources('renderer/src');
    expect(files.length).toBeGreaterThan(0);
    const bad = files.flatMap(importsOf).filter((i) => {
      const target = resolved(i);
      if (!target.startsWith('archive/')) return /^(electron|node:|fs$|path$)/.test(i.spec);
      if (target.replace(/\.ts$/, '') === 'archive/api/rules') return false;
      return !i.typeOnly || !target.startsWith('archive/api/');
    });
    expect(bad).toEqual([]);
  });

  it('the rules the renderer runs reach no Node module, no zod, nothing but marked', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of importsOf(file)) {
        if (i.typeOnly) continue;
        if (i.spec.startsWith('.')) visit(`${resolved(i)}.ts`);
        else packages.add(i.spec);
      }
    };
    visit('archive/api/rules.ts');
    expect([...packages]).toEqual(['marked']);
    expect(seen.size).toBeGreaterThan(3);
  });

  it('the preload takes only electron and the contract’s method names', () => {
    const allowed = new Set(['electron', 'archive/api/methods', 'archive/api/contract', 'archive/api/host-events', 'electron/preload/host-events']);
    const bad = sources('electron/preload')
      .flatMap(importsOf)
      .filter((i) => !allowed.has(resolved(i).replace(/\.ts$/, '')) || (resolved(i) === 'archive/api/contract' && !i.typeOnly));
    expect(bad).toEqual([]);
  });
});
