// End to end against a real WebDAV server on 127.0.0.1 (`rclone serve webdav`, Debian's
// rclone): two archives sync through it, encrypted, with credentials from the caller (never
// stored); wrong credentials are refused with one line.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tempArchive, tempDir, draft } from '../../core/test-archive';
import { addItem, updateItem } from '../../core/items';
import { tagItem } from '../../core/tagging';
import { syncRound } from '../round';
import { WebDavTarget } from '../webdav-target';
import { findProgram, freePort, waitFor } from './find-program';
import { ArchiveService } from '../../host/service';
import { Secrets } from '../credentials';
import type { SyncStatus } from '../types';

const bin = findProgram('rclone', 'apt-get install -y rclone');
const TEXT = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';

describe.skipIf(!bin)('sync through a WebDAV server (rclone serve webdav)', () => {
  let root: string;
  let server: ChildProcess;
  let url: string;

  beforeAll(async () => {
    root = await tempDir('dossier-webdav-');
    await fs.mkdir(`${root}/served`);
    const port = await freePort();
    url = `http://127.0.0.1:${port}/dossier/`;
    server = spawn(
      bin as string,
      [
        'serve',
        'webdav',
        `${root}/served`,
        '--addr',
        `127.0.0.1:${port}`,
        '--user',
        'reader',
        '--pass',
        'secret word',
        '--config',
        `${root}/rclone.conf`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor('rclone to listen', 30_000, async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'OPTIONS' });
        await r.body?.cancel();
        return true;
      } catch {
        return undefined;
      }
    });
  });
  afterAll(async () => {
    server?.kill('SIGTERM');
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('carries an encrypted archive between two machines and refuses bad credentials', async () => {
    const a = await tempArchive({ seeded: false });
    const b = await tempArchive({ seeded: false });
    const target = () => new WebDavTarget(url, { user: 'reader', password: 'secret word' });
    const x = await addItem(a.archive, draft('Over WebDAV', TEXT, { html: '<p>Over WebDAV</p>' }));
    await tagItem(a.archive, x, ['dav']);
    const sent = await syncRound(a.archive, target(), { passphrase: 'pass phrase' });
    expect(sent.published.blobs).toBe(2);
    await syncRound(b.archive, target(), { passphrase: 'pass phrase' });
    expect(b.archive.item(x).tags).toEqual(['dav']);
    expect(await b.archive.store.readContent(x, 'html')).toBe('<p>Over WebDAV</p>');

    updateItem(b.archive, x, { title: 'Renamed on B' });
    await syncRound(b.archive, target(), { passphrase: 'pass phrase' });
    const back = await syncRound(a.archive, target(), { passphrase: 'pass phrase' });
    expect(back.received.segments).toBe(1);
    expect(a.archive.item(x).title).toBe('Renamed on B');

    // What the server holds: device ids, segment numbers and hashes, all sealed.
    const served = await fs.readdir(`${root}/served/dossier`, { recursive: true });
    for (const name of served.map(String))
      expect(name).toMatch(
        /^(dossier-sync\.json|devices|blobs|devices\/[0-9a-f]{16}(\/(state\.json|\d{8}\.seg))?|blobs\/[0-9a-f]{64})$/,
      );

    await expect(
      syncRound(a.archive, new WebDavTarget(url, { user: 'reader', password: 'wrong' }), { passphrase: 'pass phrase' }),
    ).rejects.toThrow(
      /^http:\/\/127\.0\.0\.1:\d+ refused the credentials \(check the user and password in the Sync setting, or DOSSIER_WEBDAV_USER and DOSSIER_WEBDAV_PASSWORD\)\.$/,
    );
    await a.cleanup();
    await b.cleanup();
  }, 120_000);

  it('is set up in the app with an address, a user and a password that never reach the archive', async () => {
    const a = await tempArchive({ seeded: false });
    const service = new ArchiveService(a.archive, undefined, {
      debounceMs: 10_000,
      intervalMs: 60_000,
      secrets: new Secrets({ unavailable: 'No keychain here.' }, {}),
    });
    const call = async (method: string, args: unknown = {}) => {
      const outcome = await service.call(method, args, { trusted: false });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as SyncStatus;
    };
    const app = `${url}app/`;
    await addItem(a.archive, draft('Set up in the app', TEXT));
    await call('sync.configure', { target: { kind: 'webdav', url: app, user: 'reader' }, password: 'not it' });
    await expect(call('sync.run')).rejects.toThrow(
      /refused the credentials \(check the user and password in the Sync setting/,
    );
    expect((await call('sync.status')).error).toMatch(/refused the credentials/);
    expect(await call('sync.configure', { password: 'secret word' })).toMatchObject({
      target: { kind: 'webdav', url: app, user: 'reader' },
      password: 'session',
    });
    const report = (await call('sync.run')) as unknown as { published: { operations: number } };
    expect(report.published.operations).toBeGreaterThan(0);
    expect(await call('sync.status')).toMatchObject({ error: null, running: false });
    const state = await fs.readFile(`${a.dir}/sync/state.json`, 'utf8');
    expect(state).toContain('reader');
    expect(state).not.toContain('secret word');
    await service.sync.stop();
    await a.cleanup();
  }, 60_000);
});
