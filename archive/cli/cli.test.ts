// Runs the real `dossier` executable as a child process against temp archives and checks
// the JSON shapes the issue promises, the one-line errors and the exit codes.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dossier } from './test-cli';

async function json(...args: string[]) {
  const run = await dossier(...args, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

let tmp: string;
let archive: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dossier-cli-'));
  archive = path.join(tmp, 'a');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the dossier CLI', () => {
  let seedId = '';

  it('finds the seed article in a new archive', async () => {
    expect((await dossier('init', '--archive', archive)).code).toBe(0);
    const result = await json('search', 'Wang Yi', '--archive', archive);
    expect(Object.keys(result).sort()).toEqual(['hits', 'notice', 'parsedAs', 'query', 'total']);
    expect(result.notice).toBeNull();
    expect(result.query).toBe('Wang Yi');
    const hit = result.hits[0];
    expect(Object.keys(hit).sort()).toEqual(
      ['id', 'kind', 'published', 'score', 'snippet', 'source', 'tags', 'title'].sort(),
    );
    expect(hit).toMatchObject({ published: '2024-10-06', source: 'MENAFN', kind: 'article' });
    expect(hit.snippet).toMatch(/Wang/);
    seedId = hit.id;
  });

  it('tags and notes an item, and a new process sees both', async () => {
    expect((await dossier('tag', seedId, 'China–Russia', 'Diplomacy', '--archive', archive)).code).toBe(0);
    expect((await dossier('note', seedId, 'Check the trade figures', '--archive', archive)).code).toBe(0);
    const shown = await json('show', seedId, '--archive', archive);
    expect(shown.tags).toEqual(['China–Russia', 'Diplomacy']);
    expect(shown.notes.map((n: { text: string }) => n.text)).toEqual(['Check the trade figures']);
    expect(shown.highlights).toEqual([]);
    expect(shown.related).toEqual([expect.objectContaining({ title: 'Welcome to Dossier' })]);
    expect(shown.related[0]).toHaveProperty('id');
  });

  it('says in --json when a query was read otherwise than typed', async () => {
    const result = await json(
      'search',
      'Wang Yi said the "two sides" - in talks - would deepen coordination',
      '--archive',
      archive,
    );
    expect(result.parsedAs).toBe('plain');
    expect(result.notice).toMatch(/plain words/);
    expect(result.hits[0].id).toBe(seedId);
  });

  it('finds an item through its tag', async () => {
    const result = await json('search', 'diplomacy', '--archive', archive);
    expect(result.hits.map((h: { id: string }) => h.id)).toContain(seedId);
    expect(result.hits.find((h: { id: string }) => h.id === seedId).tags).toContain('Diplomacy');
  });

  it('lists items and tags', async () => {
    const list = await json('list', '--archive', archive);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toHaveProperty('title');
    const tags = await json('tags', '--archive', archive);
    expect(tags.tags).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Diplomacy', count: 1 })]));
  });

  it('imports text files, reporting the ones it skips', async () => {
    const good = path.join(tmp, 'story.txt');
    const empty = path.join(tmp, 'empty.txt');
    await writeFile(
      good,
      'Ministers meet in Geneva\n\nForeign ministers met in Geneva on Tuesday to discuss a ceasefire.',
    );
    await writeFile(empty, '   ');
    const result = await json('import', good, empty, path.join(tmp, 'missing.txt'), '--archive', archive);
    expect(result.imported).toHaveLength(1);
    expect(result.skipped).toEqual([
      { file: empty, reason: expect.stringMatching(/empty/) },
      { file: path.join(tmp, 'missing.txt'), reason: expect.stringMatching(/no such file/) },
    ]);
    const again = await json('import', good, '--archive', archive);
    expect(again.imported).toEqual([]);
    expect(again.skipped[0].reason).toMatch(/already in the archive/);
  });

  it('relates and unrelates items, and suggests related ones', async () => {
    const { items } = await json('list', '--archive', archive);
    const other = items.find((i: { title: string }) => i.title === 'Ministers meet in Geneva').id;
    const linked = await json('relate', seedId, other, '--label', 'background', '--archive', archive);
    expect(linked.related.map((r: { id: string }) => r.id)).toContain(other);
    const related = await json('related', other, '--archive', archive);
    expect(related.related).toEqual([expect.objectContaining({ id: seedId, label: 'background' })]);
    expect(Array.isArray(related.suggestions)).toBe(true);
    await json('unrelate', other, seedId.slice(0, 6), '--archive', archive);
    expect((await json('show', other, '--archive', archive)).related).toEqual([]);
  });

  it('exports notes as Markdown with front matter', async () => {
    const out = path.join(tmp, 'notes');
    const result = await json('export', 'notes', '--format', 'md', '--out', out, '--archive', archive);
    // Only the seed has a note: items with neither notes nor highlights get no file.
    expect(result.items).toBe(1);
    const files = await readdir(out);
    expect(files).toHaveLength(1);
    const seedFile = (await Promise.all(files.map(async (f) => readFile(path.join(out, f), 'utf8')))).find((t) =>
      t.includes(seedId),
    )!;
    expect(seedFile).toMatch(/^---\n/);
    expect(seedFile).toMatch(/source: MENAFN/);
    expect(seedFile).toMatch(/Check the trade figures/);
  });

  it('verifies the archive', async () => {
    expect((await json('verify', '--archive', archive)).ok).toBe(true);
  });

  it('fails with one line and a non-zero exit, never a stack trace', async () => {
    const unknown = await dossier('frobnicate', '--archive', archive);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await dossier('show', 'ffffffffffffffff', '--archive', archive);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^dossier: No item with id ffffffffffffffff\.\n$/);
    const badTag = await dossier('tag', seedId, '   ', '--archive', archive);
    expect(badTag.code).toBe(1);
    expect(badTag.stderr.trim().split('\n')).toHaveLength(1);
    expect(badTag.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('leaves a corrupt dossier.json untouched', async () => {
    const broken = path.join(tmp, 'broken');
    await json('init', '--archive', broken);
    await writeFile(path.join(broken, 'dossier.json'), '{"version":1,"items":[');
    for (const args of [['list'], ['tag', seedId, 'x']]) {
      const run = await dossier(...args, '--archive', broken);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^dossier: .*dossier\.json is not valid JSON.*left untouched.*\n$/);
    }
    expect(await readFile(path.join(broken, 'dossier.json'), 'utf8')).toBe('{"version":1,"items":[');
  });

  it('refuses to read a folder with no archive, and creates nothing there', async () => {
    const typo = path.join(tmp, 'typo');
    for (const command of ['list', 'search', 'verify', 'backups']) {
      const run = await dossier(command, ...(command === 'search' ? ['x'] : []), '--archive', typo);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^dossier: There is no archive at .*typo .*dossier init/);
    }
    await expect(readdir(typo)).rejects.toThrow();
  });

  it('names the damage in a file that parses but is damaged, and how to restore', async () => {
    const damaged = path.join(tmp, 'damaged');
    await json('init', '--archive', damaged);
    const file = path.join(damaged, 'dossier.json');
    const good = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...good, items: [null] }));
    const run = await dossier('list', '--archive', damaged);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^dossier: dossier\.json is damaged: items\[0\]: expected object, received null; .*dossier restore <id>.*\n$/,
    );
    expect(run.stderr).not.toMatch(/unexpected/);
  });

  it('lists backups, restores one after backing up the current state, and repairs leftovers', async () => {
    const dir = path.join(tmp, 'restoring');
    await json('init', '--archive', dir);
    const [seed] = (await json('list', '--archive', dir)).items.filter((i: { kind: string }) => i.kind === 'article');
    await json('tag', seed.id, 'Before', '--archive', dir);
    // An open by a writer takes a backup of the state it opened.
    await json('tag', seed.id, 'After', '--archive', dir);
    const { backups } = await json('backups', '--archive', dir);
    expect(backups.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(backups[0]).sort()).toEqual(['bodies', 'bytes', 'created', 'id', 'items', 'reason', 'valid']);
    const before = backups[backups.length - 1];
    const restored = await json('restore', before.id, '--archive', dir);
    expect(restored).toMatchObject({ restored: before.id, items: 2 });
    const tags = (await json('show', seed.id, '--archive', dir)).tags;
    expect(tags).toContain('Before');
    expect(tags).not.toContain('After');
    expect((await json('backups', '--archive', dir)).backups.map((b: { id: string }) => b.id)).toContain(
      restored.safety,
    );

    await writeFile(path.join(dir, 'content', 'eeeeeeeeeeeeeeee.txt'), 'left by a crash');
    const checked = await json('verify', '--archive', dir);
    expect(checked).toMatchObject({ ok: true, leftovers: ['content/eeeeeeeeeeeeeeee.txt'] });
    const repaired = await json('verify', '--repair', '--archive', dir);
    expect(repaired.ok).toBe(true);
    expect(repaired.actions.join(' ')).toMatch(/lost\+found/);
    expect((await json('verify', '--archive', dir)).leftovers).toEqual([]);
  });

  it('edits an item’s details and moves it between inbox, archive and favourites', async () => {
    const dir = path.join(tmp, 'editing');
    await json('init', '--archive', dir);
    const [seed] = (await json('list', '--archive', dir)).items.filter((i: { kind: string }) => i.kind === 'article');
    const edited = await json(
      'edit',
      seed.id,
      '--title',
      'Café naïve',
      '--byline',
      'A. Reporter',
      '--source',
      '',
      '--archive',
      dir,
    );
    expect(edited).toMatchObject({ title: 'Café naïve', byline: 'A. Reporter', source: null });
    const marked = await json('mark', seed.id.slice(0, 6), 'archived', '--archive', dir);
    expect(marked.items[0].archivedAt).toEqual(expect.any(String));
    await json('mark', seed.id, 'favourite', '--archive', dir);
    expect(await json('show', seed.id, '--archive', dir)).toMatchObject({ favourite: true, title: 'Café naïve' });
    const bad = await dossier('mark', seed.id, 'sideways', '--archive', dir);
    expect(bad.code).toBe(2);
    expect((await dossier('edit', seed.id, '--published', 'yesterday', '--archive', dir)).stderr).toMatch(
      /^dossier: .*YYYY-MM-DD/,
    );
  });
});
