// `dossier serve` as the archive's host, across real processes: the built command serves
// a (stand-in) renderer, a `dossier` command run beside it is forwarded to it instead of
// failing on the lock, and the page's event stream hears of that change at once.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, dossier } from '../cli/test-cli';
import { TOKEN_HEADER } from './request-guard';
import { HOST_NODE_FLAGS, HOST_PROCESS_ENV } from '../host/host-env';
import { argsOf, environOf } from '../host/test-environ';

let tmp: string;
let archive: string;
let serve: ChildProcess;
let origin: string;
let token: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-serve-host-'));
  archive = path.join(tmp, 'archive');
  mkdirSync(path.join(tmp, 'renderer'));
  writeFileSync(path.join(tmp, 'renderer', 'index.html'), '<!doctype html><title>Dossier</title>');
  expect((await dossier('init', '--archive', archive)).code).toBe(0);
  // Started as a user starts it: the command itself, whose first line says how it runs.
  serve = spawn(BIN, ['serve', '--port', '0', '--archive', archive], {
    env: { ...process.env, DOSSIER_RENDERER_DIR: path.join(tmp, 'renderer'), DOSSIER_ARCHIVE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout!.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    serve.on('exit', (code) => reject(new Error(`dossier serve exited with ${code}`)));
  });
  const url = new URL(first.match(/(http:\/\/\S+)/)![1]);
  origin = url.origin;
  token = url.searchParams.get('token')!;
});
afterAll(async () => {
  if (serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.on('exit', resolve));
    serve.kill('SIGINT');
    await exited;
  }
  rmSync(tmp, { recursive: true, force: true });
});

describe('dossier serve as the archive’s host', () => {
  it.runIf(process.platform === 'linux')('runs with the host’s malloc settings and Node flags (host-env.ts)', () => {
    const environ = environOf(serve.pid!);
    for (const [name, value] of Object.entries(HOST_PROCESS_ENV)) expect(environ).toContain(`${name}=${value}`);
    expect(argsOf(serve.pid!)).toEqual(expect.arrayContaining([...HOST_NODE_FLAGS]));
    expect(environ).toContain(`DOSSIER_RENDERER_DIR=${path.join(tmp, 'renderer')}`);
  });

  it('takes a command run beside it, and tells the page at once', async () => {
    const controller = new AbortController();
    const events = await fetch(`${origin}/api/events`, {
      headers: { [TOKEN_HEADER]: token },
      signal: controller.signal,
    });
    expect(events.status).toBe(200);
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // the stream's opening comment: subscribed

    const { hits } = JSON.parse((await dossier('search', 'Wang Yi', '--json', '--archive', archive)).stdout);
    const tagged = await dossier('tag', hits[0].id, 'Beside serve', '--archive', archive);
    expect(tagged).toMatchObject({ code: 0, stderr: '' });

    let text = '';
    for (let reads = 0; reads < 20 && !text.includes('"changed"'); reads++) text += (await reader.read()).value ?? '';
    const data = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('"changed"'))!;
    expect(JSON.parse(data.slice(6))).toEqual({
      name: 'changed',
      payload: { method: 'tags.add', by: expect.stringMatching(/^socket:\d+$/) },
    });
    controller.abort();

    // The page sees the tag through its own API too.
    const view = await fetch(`${origin}/api/items.get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify({ id: hits[0].id }),
    }).then((r) => r.json());
    expect(view.value.tags).toContain('Beside serve');
  });
});
