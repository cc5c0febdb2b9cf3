// `dossier sync` as a person runs it: two archives and a folder, edits on both sides and a
// conflict, `sync status`, `sync conflicts`, `sync choose`, JSON output, and one-line
// refusals (a wrong passphrase, two targets at once).

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkHost } from '../host/test-host';

const BIN = fileURLToPath(new URL('../../bin/dossier.mjs', import.meta.url));

function dossier(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, DOSSIER_ARCHIVE: '', DOSSIER_SYNC_PASSPHRASE: '', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dossier-sync-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('dossier sync', () => {
  it('syncs two archives through a folder, shows a conflict and settles it', async () => {
    const [a, b, folder] = ['a', 'b', 'shared'].map((n) => path.join(tmp, n));
    const run = (archive: string, ...args: string[]) => dossier({}, ...args, '--archive', archive);
    expect((await run(a, 'init')).code).toBe(0);
    const first = await run(a, 'sync', '--folder', folder, '--json');
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout).published.operations).toBeGreaterThan(0);
    // A new machine's first sync creates its archive; its seed merges with the other's.
    const second = await run(b, 'sync', '--folder', folder);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/received {2}\d+ change\(s\) in 1 segment\(s\) from 1 device\(s\)/);
    await run(a, 'sync');
    const listA = JSON.parse((await run(a, 'list', '--json')).stdout);
    const listB = JSON.parse((await run(b, 'list', '--json')).stdout);
    expect(listB.items.map((i: { id: string }) => i.id).sort()).toEqual(
      listA.items.map((i: { id: string }) => i.id).sort(),
    );

    const id = listA.items.find((i: { kind: string }) => i.kind === 'article').id;
    await run(a, 'edit', id, '--title', 'Edited on A');
    await run(b, 'edit', id, '--title', 'Edited on B');
    await run(b, 'tag', id, 'from-b');
    await run(a, 'sync');
    const syncB = await run(b, 'sync');
    expect(syncB.stdout).toMatch(/1 field\(s\) changed on both machines/);
    await run(a, 'sync');
    const showA = JSON.parse((await run(a, 'show', id, '--json')).stdout);
    const showB = JSON.parse((await run(b, 'show', id, '--json')).stdout);
    expect(showA.title).toBe(showB.title);
    expect(showA.tags).toContain('from-b');

    const conflicts = await run(a, 'sync', 'conflicts');
    expect(conflicts.stdout).toMatch(/title changed on both machines/);
    expect(conflicts.stdout).toMatch(/“Edited on A”/);
    expect(conflicts.stdout).toMatch(/“Edited on B”/);
    const listed = JSON.parse((await run(a, 'sync', 'conflicts', '--json')).stdout).conflicts;
    const loser = listed[0].others[0].value;
    expect((await run(a, 'sync', 'choose', id, 'title', '1')).code).toBe(0);
    await run(a, 'sync');
    await run(b, 'sync');
    expect(JSON.parse((await run(b, 'show', id, '--json')).stdout).title).toBe(loser);
    expect((await run(b, 'sync', 'conflicts')).stdout.trim()).toBe('No conflicts.');
    const status = JSON.parse((await run(b, 'sync', 'status', '--json')).stdout);
    expect(status).toMatchObject({ target: { kind: 'folder', folder }, encrypted: false, conflicts: 0 });
  }, 60_000);

  it('refuses with one line: a wrong passphrase, two targets, an unknown form', async () => {
    const [c, d, folder] = ['c', 'd', 'enc'].map((n) => path.join(tmp, n));
    const ok = await dossier({ DOSSIER_SYNC_PASSPHRASE: 'right' }, 'sync', '--folder', folder, '--archive', c);
    expect(ok.code).toBe(0);
    const wrong = await dossier(
      { MY_PASS: 'wrong' },
      'sync',
      '--folder',
      folder,
      '--archive',
      d,
      '--passphrase-env',
      'MY_PASS',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      'dossier: The passphrase does not open this sync target (it was set up with another one).\n',
    );
    const both = await dossier({}, 'sync', '--folder', folder, '--webdav', 'http://127.0.0.1:9/', '--archive', c);
    expect(both.stderr).toMatch(/^dossier: sync takes --folder or --webdav, not both/);
    const odd = await dossier({}, 'sync', 'sideways', '--archive', c);
    expect(odd.code).toBe(2);
    const remote = await dossier({}, 'sync', '--webdav', 'http://example.org/dav', '--archive', path.join(tmp, 'e'));
    expect(remote.stderr).toBe('dossier: A WebDAV address must be https:// (plain http:// only to this machine).\n');
  }, 60_000);

  it('goes through the host while the app or dossier serve holds the archive, passing its own passphrase', async () => {
    const [e, f, folder] = ['e2', 'f2', 'held'].map((n) => path.join(tmp, n));
    expect((await dossier({}, 'init', '--archive', e)).code).toBe(0);
    const host = await forkHost(e);
    try {
      expect(host.start.ok).toBe(true);
      const round = await dossier(
        { DOSSIER_SYNC_PASSPHRASE: 'held secret' },
        'sync',
        '--folder',
        folder,
        '--archive',
        e,
        '--json',
      );
      expect(round.stderr).toBe('');
      expect(JSON.parse(round.stdout).published.operations).toBeGreaterThan(0);
      const status = JSON.parse((await dossier({}, 'sync', 'status', '--archive', e, '--json')).stdout);
      expect(status).toMatchObject({ target: { kind: 'folder', folder }, encrypted: true });
      // The other machine, with the same passphrase, gets what the held archive sent.
      const other = await dossier(
        { DOSSIER_SYNC_PASSPHRASE: 'held secret' },
        'sync',
        '--folder',
        folder,
        '--archive',
        f,
      );
      expect(other.stdout).toMatch(/received {2}\d+ change\(s\) in 1 segment\(s\)/);
      const held = await host.link.call('items.list', {}, { trusted: false });
      const titles = (r: unknown) => (r as { items: Array<{ title: string }> }).items.map((i) => i.title).sort();
      expect(held.ok && titles(held.value)).toEqual(
        titles(JSON.parse((await dossier({}, 'list', '--archive', f, '--json')).stdout)),
      );
    } finally {
      expect(await host.stop()).toBe(0);
    }
  }, 60_000);
});
