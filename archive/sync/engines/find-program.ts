// Test support: finds a program the engine tests need (Debian's syncthing, rclone), or says
// why the tests skip. Under CI=true a missing program is a failure, not a skip.

import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export function findProgram(name: string, hint: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = `${dir}/${name}`;
    if (dir && existsSync(candidate)) return candidate;
  }
  if (process.env.CI === 'true') throw new Error(`${name} is not installed and CI=true: ${hint}`);
  console.warn(`sync engine tests skipped: ${name} is not installed (${hint}).`);
  return null;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value (not undefined) or `ms` pass. */
export async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${ms} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
