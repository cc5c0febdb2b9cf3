// Where code may reach (eslint.config.js, CONVENTIONS.md) is enforced by `npm run lint`;
// these tests prove the rule bites: small pieces of code, linted as if they sat in a given
// folder, must fail for the reason the layers give, and the allowed spelling must pass.

import { describe, it, expect, beforeAll } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids and messages linting `code` as the file `file` gives (errors only). */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  it('archive/ uses no browser globals', async () => {
    const found = await lint('archive/core/fixture.ts', 'export const theme = window.localStorage.getItem("theme");\n');
    expect(found).toEqual([
      expect.stringMatching(/^no-restricted-globals: Unexpected use of 'window'\. archive\/ runs in plain Node/),
    ]);
    expect(await lint('archive/search/fixture.ts', 'export const title = document.title;\n')).toHaveLength(1);
  });

  it('archive/ imports nothing of Electron, React or the renderer, statically or dynamically', async () => {
    for (const code of [
      "import { app } from 'electron';\nexport const name = app.name;\n",
      "import { useState } from 'react';\nexport const hook = useState;\n",
      "export const load = () => import('react-dom/client');\n",
      "import type { Props } from '../../renderer/src/App';\nexport type P = Props;\n",
    ]) {
      const found = await lint('archive/core/fixture.ts', code);
      expect(found, code).toEqual([expect.stringMatching(/archive\/ knows nothing of/)]);
    }
  });

  it('inside archive/, a lower tier never imports a higher one', async () => {
    const refused: Array<[string, string]> = [
      ['archive/core/fixture.ts', "import type { Outcome } from '../api/types';\nexport type O = Outcome<1>;\n"],
      ['archive/core/fixture.ts', "export const seed = () => import('../seed/seed');\n"],
      ['archive/core/fixture.ts', "import { importFiles } from '../flows/importing';\nexport const i = importFiles;\n"],
      ['archive/flows/fixture.ts', "import { seedArchive } from '../seed/seed';\nexport const s = seedArchive;\n"],
      ['archive/flows/fixture.ts', "import { dispatch } from '../api/dispatch';\nexport const d = dispatch;\n"],
      ['archive/interop/fixture.ts', "import type { Archive } from '../core/archive';\nexport type A = Archive;\n"],
      [
        'archive/search/fixture.ts',
        "import { canonicalUrl } from '../interop/canonical-url';\nexport const c = canonicalUrl;\n",
      ],
      ['archive/server/fixture.ts', "import { UsageError } from '../cli/args';\nexport const e = UsageError;\n"],
      ['archive/mcp/fixture.ts', "import { startServer } from '../server/server';\nexport const s = startServer;\n"],
      ['archive/core/model.ts', "import type { Archive } from './archive';\nexport type A = Archive;\n"],
    ];
    for (const [file, code] of refused) {
      const found = await lint(file, code);
      expect(found, `${file}: ${code}`).toHaveLength(1);
      expect(found[0], file).toMatch(/import/);
    }
  });

  it('allows what the layers allow', async () => {
    const allowed: Array<[string, string]> = [
      ['archive/interop/fixture.ts', "import type { Item } from '../core/model';\nexport type I = Item;\n"],
      [
        'archive/search/fixture.ts',
        "import { writeFileAtomic } from '../core/atomic-file';\nexport const w = writeFileAtomic;\n",
      ],
      [
        'archive/core/fixture.ts',
        "import { canonicalUrl } from '../interop/canonical-url';\nexport const c = canonicalUrl;\n",
      ],
      ['archive/cli/fixture.ts', "export const serve = () => import('../server/server');\n"],
      [
        'archive/flows/fixture.ts',
        "import { commitItem } from '../core/items';\nimport { parseSourceFile } from '../interop/registry';\nexport const c = [commitItem, parseSourceFile];\n",
      ],
      ['archive/api/fixture.ts', "export const load = () => import('../flows/export-notes');\n"],
      [
        'renderer/src/fixture.ts',
        "import type { ItemView } from '../../archive/api/types';\nexport type V = ItemView;\n",
      ],
      [
        'electron/main/fixture.ts',
        "import { SECURITY_HEADERS } from '../../archive/web/web-security';\nexport const h = SECURITY_HEADERS;\n",
      ],
    ];
    for (const [file, code] of allowed) expect(await lint(file, code), `${file}: ${code}`).toEqual([]);
  });

  it('the renderer takes only types, and only from archive/api; the preload only method names', async () => {
    expect(
      await lint(
        'renderer/src/fixture.ts',
        "import { contract } from '../../archive/api/contract';\nexport const c = contract;\n",
      ),
    ).toEqual([expect.stringMatching(/only types from archive\/api/)]);
    expect(
      await lint(
        'renderer/src/fixture.ts',
        "import type { Archive } from '../../archive/core/archive';\nexport type A = Archive;\n",
      ),
    ).toEqual([expect.stringMatching(/only to the contract/)]);
    expect(
      await lint('renderer/src/fixture.ts', "export const load = () => import('../../archive/api/dispatch');\n"),
    ).toHaveLength(1);
    expect(
      await lint(
        'electron/preload/fixture.ts',
        "import { dispatch } from '../../archive/api/dispatch';\nexport const d = dispatch;\n",
      ),
    ).toHaveLength(1);
  });

  it('Electron’s main takes its web security from archive/web, never from the server host', async () => {
    const found = await lint(
      'electron/main/fixture.ts',
      "import { startServer } from '../../archive/server/server';\nexport const s = startServer;\n",
    );
    expect(found).toEqual([expect.stringMatching(/only through archive\/api, archive\/host and archive\/web/)]);
  });

  it('the React hooks rules hold in the renderer', async () => {
    const code = [
      "import { useEffect, useState } from 'react';",
      'export function Count({ on }: { on: boolean }) {',
      '  if (on) useState(0);',
      '  const [n] = useState(0);',
      '  useEffect(() => console.log(n), []);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    const found = await lint('renderer/src/components/Fixture.tsx', code);
    expect(found.map((m) => m.split(':')[0]).sort()).toEqual([
      'react-hooks/exhaustive-deps',
      'react-hooks/rules-of-hooks',
    ]);
  });
});
