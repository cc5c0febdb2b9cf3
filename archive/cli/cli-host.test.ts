// The real `dossier` executable beside a running archive host (the desktop app's host
// process, forked as the app starts it): commands that used to fail with "open in another
// Dossier process" go to the host, with the output and exit codes they have alone. And a
// closed pipe (`dossier list | head`) ends the command quietly.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { forkHost, type ForkedHost } from '../host/test-host';
import { startHostServer } from '../host/host-server';
import { ArchiveService } from '../host/service';
import { openArchive } from '../api/open-archive';
import type { ArchiveEvent } from '../api/events';
import { BIN, dossier, type Run } from './test-cli';

let tmp: string;
let archive: string;
let seedId: string;
const alone: Record<string, Run> = {};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dossier-cli-host-'));
  archive = path.join(tmp, 'a');
  await dossier('init', '--archive', archive);
  seedId = JSON.parse((await dossier('search', 'Wang Yi', '--json', '--archive', archive)).stdout).hits[0].id;
  // What each command prints with nobody else holding the archive.
  alone.show = await dossier('show', seedId, '--json', '--archive', archive);
  alone.list = await dossier('list', '--archive', archive);
  alone.search = await dossier('search', 'Wang Yi', '--archive', archive);
  alone.missing = await dossier('show', 'ffffffffffffffff', '--archive', archive);
  alone.ambiguous = await dossier('show', 'zzzz', '--archive', archive);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the dossier CLI beside a running host', () => {
  let host: ForkedHost;
  beforeAll(async () => {
    host = await forkHost(archive);
    expect(host.start.ok).toBe(true);
  });
  afterAll(async () => {
    await host.stop();
  });

  it('prints exactly what it prints alone, for reads and for failures, with the same exit codes', async () => {
    const runs = {
      show: await dossier('show', seedId, '--json', '--archive', archive),
      list: await dossier('list', '--archive', archive),
      search: await dossier('search', 'Wang Yi', '--archive', archive),
      missing: await dossier('show', 'ffffffffffffffff', '--archive', archive),
      ambiguous: await dossier('show', 'zzzz', '--archive', archive),
    };
    for (const [name, run] of Object.entries(runs)) expect({ name, ...run }).toEqual({ name, ...alone[name] });
    expect(runs.missing.code).toBe(1);
  });

  it('changes the archive through the host, which tells its parent (the app) at once', async () => {
    const changed = new Promise<ArchiveEvent>((resolve) =>
      host.link.onEvent((e) => e.name === 'changed' && resolve(e)),
    );
    const tagged = await dossier('tag', seedId.slice(0, 6), 'While open', '--archive', archive);
    expect(tagged).toMatchObject({ code: 0, stderr: '' });
    expect(tagged.stdout).toMatch(/tags: .*While open/);
    expect(await changed).toMatchObject({ name: 'changed', payload: { method: 'tags.add' } });
    const view = await host.link.call('items.get', { id: seedId }, { trusted: false });
    expect(view).toMatchObject({ ok: true, value: { tags: expect.arrayContaining(['While open']) } });
  });

  it('refuses a second `dossier serve` at once, naming the process that holds the archive', async () => {
    const started = Date.now();
    const run = await dossier('serve', '--port', '0', '--archive', archive);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `dossier: The archive at ${archive} is already open in another Dossier process (pid ${host.child.pid}); its address is the one that process printed.\n`,
    );
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});

describe('a host that comes up while the command waits for the lock', () => {
  it('gets the command once its socket is up, instead of a conflict', async () => {
    const dir = path.join(tmp, 'late');
    await dossier('init', '--archive', dir);
    // This test process holds the archive (the lock) but serves no socket yet.
    const archive = await openArchive(dir);
    try {
      await archive.loaded(); // a host's archive reads dossier.json after opening (searchFirst)
      const seed = archive.data.items.find((i) => i.kind === 'article')!.id;
      const running = dossier('tag', seed, 'Late', '--archive', dir);
      await new Promise((r) => setTimeout(r, 1_000));
      const host = await startHostServer({ dir, service: new ArchiveService(archive) });
      const hostUp = Date.now();
      const run = await running;
      // It looked again soon after the socket came up, rather than after its whole wait for the lock.
      expect(Date.now() - hostUp).toBeLessThan(2_500);
      await host.close();
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(archive.item(seed).tags).toContain('Late');
    } finally {
      await archive.close();
    }
  });
});

describe('piping', () => {
  it('ends quietly with exit 0 when the reader closes the pipe first (`dossier list | head`)', () => {
    // The reader closes its end at once, before dossier has written anything.
    const script = `"${process.execPath}" "${BIN}" list --archive "${archive}" | { exec 0<&-; sleep 1; }; echo "exit=\${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('exit=0');
  });
});
