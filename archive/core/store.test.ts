import { describe, it, expect, afterEach } from 'vitest';
import { readFile, writeFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Store } from './store';
import { Archive } from './archive';
import { tempDir, draft } from './test-archive';
import { tagItem } from './tagging';
import { addItem } from './items';
import { ARCHIVE_VERSION } from './model';

const dirs: string[] = [];
async function freshDir() {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});


describe('the store', () => {
  it('writes compact, versioned JSON', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    await addItem(archive, draft('One', 'Some text about trade between two countries.'));
    await archive.close();
    const raw = await readFile(path.join(dir, 'dossier.json'), 'utf8');
    expect(raw).not.toMatch(/\n\s/);
    const data = JSON.parse(raw);
    expect(data.version).toBe(ARCHIVE_VERSION);
    expect(data.items[0].title).toBe('One');
    expect(data.items[0]).not.toHaveProperty('text');
  });

  it('folds a burst of changes into one write', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    const id = await addItem(archive, draft('One', 'Some text about trade between two countries.'));
    await archive.flush();
    const before = archive.store.writes;
    for (let i = 0; i < 50; i++) tagItem(archive, id, [`tag ${i}`]);
    await archive.flush();
    expect(archive.store.writes - before).toBe(1);
    await archive.close();
    const reopened = await Archive.open(dir);
    expect(reopened.item(id).tags).toHaveLength(50);
    await reopened.close();
  });

  it('keeps bodies out of dossier.json, in content/', async () => {
    const dir = await freshDir();
    const archive = await Archive.open(dir);
    const id = await addItem(archive, draft('One', 'The body lives in its own file.', { html: '<p>The body lives in its own file.</p>' }));
    await archive.close();
    expect(await readFile(path.join(dir, 'content', `${id}.txt`), 'utf8')).toBe('The body lives in its own file.');
    expect(await readFile(path.join(dir, 'content', `${id}.html`), 'utf8')).toContain('<p>');
  });

  it('never overwrites a corrupt dossier.json', async () => {
    const dir = await freshDir();
    const corrupt = '{"version":1,"items":[{"id":"0123456789abcdef"'; // cut short
    await writeFile(path.join(dir, 'dossier.json'), corrupt);
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'corrupt_archive' });
    await expect(Archive.open(dir)).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(await readFile(path.join(dir, 'dossier.json'), 'utf8')).toBe(corrupt);
    expect(await readdir(dir)).not.toContain('.lock');
  });

  it('lets one writer at a time hold an archive', async () => {
    const dir = await freshDir();
    const first = await Store.open(dir);
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'conflict' });
    await first.close();
    const second = await Store.open(dir);
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const store = await Store.open(dir);
    await store.close();
  });

  it('keeps rotating backups of dossier.json', async () => {
    const dir = await freshDir();
    for (let i = 0; i < 8; i++) {
      const archive = await Archive.open(dir);
      await addItem(archive, draft(`Item ${i}`, `Distinct text number ${i} for the backup rotation test.`));
      await archive.close();
    }
    const backups = await readdir(path.join(dir, 'backups'));
    expect(backups.length).toBe(5);
  });
});
