// The desktop app's "Browser extension" setting at start-up: no listener unless the
// archive's setting is on; with it on, the listener runs on the saved port and a page sent
// by a paired extension lands in the app's archive.
import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAppListener } from './app-listener';
import { dispatch } from '../api/dispatch';
import { setPreference } from '../core/preferences';
import { tempArchive } from '../core/test-archive';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('the app’s browser extension listener', () => {
  it('stays off by default', async () => {
    const { archive, cleanup } = await tempArchive();
    cleanups.push(cleanup);
    const service = startAppListener({
      archive,
      call: (m, a) => dispatch(archive, m, a, { trusted: false }),
      log: () => undefined,
    });
    cleanups.unshift(async () => void (await service.close()));
    expect(service.status()).toMatchObject({ available: true, enabled: false, code: null });
  });

  it('starts on the saved port when the setting is on', async () => {
    const { archive, cleanup } = await tempArchive();
    cleanups.push(cleanup);
    const port = await freePort();
    setPreference(archive, 'browserExtension', true);
    setPreference(archive, 'browserExtensionPort', port);
    const service = startAppListener({
      archive,
      call: (m, a) => dispatch(archive, m, a, { trusted: false }),
      log: () => undefined,
    });
    cleanups.unshift(async () => void (await service.close()));
    await expect.poll(() => service.status().enabled).toBe(true);
    expect(service.status()).toMatchObject({ port, code: expect.stringMatching(/^\d{3} \d{3}$/) });
  });
});
