// The "Browser extension" setting through the contract: off by default, turned on and off
// by clipper.configure (remembered as a preference), a pairing code while on, a busy port
// reported as a sentence, and no listener at all for a host without one.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClipperService } from './clipper-service';
import { dispatch } from '../api/dispatch';
import { tempArchive } from '../core/test-archive';
import type { Archive } from '../core/archive';

let archive: Archive;
let cleanup: () => Promise<void>;
let service: ClipperService;
const printed: string[] = [];
beforeAll(async () => {
  ({ archive, cleanup } = await tempArchive());
  service = new ClipperService({
    dir: archive.dir,
    call: (m, a) => dispatch(archive, m, a),
    print: (l) => printed.push(l),
  });
});
afterAll(async () => {
  await service.close();
  await cleanup();
});

const ping = (port: number) =>
  new Promise<number>((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/status' }, (res) =>
      resolve(res.statusCode ?? 0),
    );
    req.on('error', () => resolve(0));
    req.end();
  });

describe('the Browser extension setting', () => {
  it('is off by default, and the CLI host has no listener at all', async () => {
    expect(await dispatch(archive, 'clipper.status', {}, { clipper: service })).toMatchObject({
      ok: true,
      value: { available: true, enabled: false, code: null },
    });
    expect(await dispatch(archive, 'clipper.status', {})).toMatchObject({
      ok: true,
      value: { available: false, enabled: false },
    });
    expect(await dispatch(archive, 'clipper.configure', { enabled: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });

  it('turns the listener on with a pairing code, remembers it, and off again', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r)); // a port that was free a moment ago
    const on = await dispatch(archive, 'clipper.configure', { enabled: true, port }, { clipper: service });
    expect(on).toMatchObject({
      ok: true,
      value: { enabled: true, port, error: null, code: expect.stringMatching(/^\d{3} \d{3}$/) },
    });
    expect(printed).toContain(`Browser extension: listening on 127.0.0.1:${port}`);
    expect(await ping(port)).toBe(403); // listening (and refusing a caller with no extension origin)
    expect(await dispatch(archive, 'settings.get', {})).toMatchObject({
      ok: true,
      value: { preferences: { browserExtension: true, browserExtensionPort: port } },
    });
    const off = await dispatch(archive, 'clipper.configure', { enabled: false }, { clipper: service });
    expect(off).toMatchObject({ ok: true, value: { enabled: false, code: null } });
    expect(await ping(port)).toBe(0);
  });

  it('says so in a sentence when the port is taken', async () => {
    const taken = http.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as AddressInfo).port;
    try {
      const out = await dispatch(archive, 'clipper.configure', { enabled: true, port }, { clipper: service });
      expect(out).toMatchObject({
        ok: true,
        value: { enabled: false, error: `Port ${port} is in use by another program; choose another port.` },
      });
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
