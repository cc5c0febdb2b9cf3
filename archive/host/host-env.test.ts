import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOST_NODE_FLAGS, HOST_PROCESS_ENV, hostProcessEnv } from './host-env';

describe('the environment an archive host starts with', () => {
  it('adds the host’s malloc settings to the environment it is given, which it keeps', () => {
    const env = hostProcessEnv({ PATH: '/usr/bin', HOME: '/home/reader' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/reader', ...HOST_PROCESS_ENV });
  });

  it('keeps glibc tunables already set, and puts its own after them', () => {
    const env = hostProcessEnv({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=131072' });
    expect(env.GLIBC_TUNABLES).toBe(`glibc.malloc.trim_threshold=131072:${HOST_PROCESS_ENV.GLIBC_TUNABLES}`);
    expect(env.MALLOC_ARENA_MAX).toBe('2');
  });

  it('is what the `dossier` command starts with, from its first line', () => {
    const first = readFileSync(new URL('../../bin/dossier.mjs', import.meta.url), 'utf8').split('\n')[0];
    const settings = Object.entries(HOST_PROCESS_ENV).map(([k, v]) => `${k}=${v}`);
    expect(first).toBe(`#!/usr/bin/env -S ${settings.join(' ')} node ${HOST_NODE_FLAGS.join(' ')}`);
  });
});
