import { describe, it, expect } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertItemId, newId } from './ids';
import { Store } from './store';
import { tempDir } from './test-archive';
import { readBodySync } from '../search/body-file';

const EVIL = ['../../../../tmp/x/secret', '0123456789abcdef/../../x', '0123456789ABCDEF', '', '0123456789abcde'];

describe('item ids where paths are made', () => {
  it('assertItemId passes archive ids and refuses everything else with one line', () => {
    const id = newId();
    expect(assertItemId(id)).toBe(id);
    for (const bad of [...EVIL, null, 42])
      expect(() => assertItemId(bad)).toThrow(/^Refused the item id .*: an item id is 16 hexadecimal digits\.$/);
    expect(() => assertItemId('../../../../tmp/x/secret')).toThrow(
      'Refused the item id "../../../../tmp/x/secret": an item id is 16 hexadecimal digits.',
    );
  });

  it('the store never builds a body path from a bad id, and search reads such a body as empty', async () => {
    const dir = await tempDir();
    const store = await Store.open(dir);
    try {
      for (const bad of EVIL) {
        expect(() => store.contentPath(bad, 'txt')).toThrow(/an item id is 16 hexadecimal digits/);
        await expect(store.readContent(bad, 'txt')).rejects.toMatchObject({ code: 'invalid_argument' });
        await expect(store.writeContent(bad, 'txt', 'x')).rejects.toMatchObject({ code: 'invalid_argument' });
        expect(readBodySync(store.contentDir, bad)).toBe('');
      }
      expect(store.contentPath('0123456789abcdef', 'html')).toBe(path.join(store.contentDir, '0123456789abcdef.html'));
      // A file beside content/ that a crafted id would reach.
      await writeFile(path.join(dir, 'secret.txt'), 'not for the index');
      expect(readBodySync(store.contentDir, '../secret')).toBe('');
      expect(readBodySync(store.contentDir, `..${path.sep}secret`)).toBe('');
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
