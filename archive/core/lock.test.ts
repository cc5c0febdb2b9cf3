import { describe, it, expect, afterEach } from 'vitest';
import { writeFile, rm, readdir } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock } from './lock';
import { ownIdentity } from './process-identity';
import { tempDir } from './test-archive';
import { lockHolder } from '../../bench/torture/processes';

const dirs: string[] = [];
async function freshDir() {
  const dir = await tempDir('dossier-lock-');
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** True when two [acquired, released] intervals from different processes overlap. */
function overlaps(spans: Array<[bigint, bigint]>): boolean {
  const sorted = [...spans].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return sorted.some((s, i) => i > 0 && s[0] < sorted[i - 1][1]);
}

async function spans(runs: ReturnType<typeof lockHolder>[]): Promise<Array<[bigint, bigint]>> {
  const out: Array<[bigint, bigint]> = [];
  for (const run of runs) {
    const done = await run.done;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const [a, b] = done.stdout.trim().split(' ').map(BigInt);
    out.push([a, b]);
  }
  return out;
}

describe('the writer lock', () => {
  it('lets exactly one of several processes hold it at a time, each in turn', async () => {
    const dir = await freshDir();
    const runs = Array.from({ length: 5 }, () => lockHolder(dir, 40));
    const held = await spans(runs);
    expect(held).toHaveLength(5);
    expect(overlaps(held)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('hands a stale lock to exactly one of several processes that find it together', async () => {
    const dir = await freshDir();
    const me = ownIdentity();
    // A holder that crashed: a pid that no longer runs, in this boot.
    await writeFile(
      path.join(dir, '.lock'),
      JSON.stringify({ ...me, pid: 2 ** 22 + 4321, start: '1', nonce: 'deadbeefdeadbeef', holder: 'crashed' }),
    );
    const runs = Array.from({ length: 4 }, () => lockHolder(dir, 40));
    const held = await spans(runs);
    expect(overlaps(held)).toBe(false);
  });

  it('takes over a lock whose pid now belongs to another process (pid reuse)', async () => {
    const dir = await freshDir();
    const me = ownIdentity();
    // Our parent runs, but it is not the process that wrote this lock: the start time differs.
    await writeFile(
      path.join(dir, '.lock'),
      JSON.stringify({ ...me, pid: process.ppid, start: '12345', nonce: 'abcdefabcdefabcd', holder: 'old' }),
    );
    const lock = await acquireLock(dir, { waitMs: 200 });
    await lock.release();
  });

  it('takes over a lock written before a reboot, even though its pid runs again', async () => {
    const dir = await freshDir();
    const me = ownIdentity();
    await writeFile(
      path.join(dir, '.lock'),
      JSON.stringify({ ...me, pid: process.ppid, boot: 'another-boot', nonce: '0123012301230123', holder: 'old' }),
    );
    const lock = await acquireLock(dir, { waitMs: 200 });
    await lock.release();
  });

  it('takes over a pid-only lock left by an older Dossier whose process is gone', async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const lock = await acquireLock(dir, { waitMs: 200 });
    await lock.release();
  });

  it('makes a second writer wait, then fail with one line naming the holder', async () => {
    const dir = await freshDir();
    const holder = lockHolder(dir, 3_000);
    // Wait until the child holds it.
    for (let i = 0; i < 200 && !(await readdir(dir)).includes('.lock'); i++)
      await new Promise((r) => setTimeout(r, 25));
    const started = Date.now();
    await expect(acquireLock(dir, { waitMs: 400 })).rejects.toThrow(
      /^The archive at .* is open in lock test \(pid \d+\), open since .*; close it first\.$/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    // …and gets it when the holder lets go within the wait.
    const lock = await acquireLock(dir, { waitMs: 10_000 });
    await lock.release();
    await holder.done;
  });

  it('refuses a second open in the same process at once', async () => {
    const dir = await freshDir();
    const lock = await acquireLock(dir);
    await expect(acquireLock(dir, { waitMs: 5_000 })).rejects.toThrow(/already open in this process/);
    await lock.release();
  });
});
