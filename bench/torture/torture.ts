// The storage torture run: SIGKILL the real CLI and the real `dossier serve` at random
// moments of tag, note, import and bundle writes, and start pairs of processes that open
// one archive at the same moment. Counts acknowledged edits (an exit 0 with its success
// line, an HTTP 200 with `ok`) and how many of them are missing afterwards, archives that
// fail to open or verify, and rounds in which two processes held the lock at once.

import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../archive/core/archive';
import { verifyArchive } from '../../archive/core/verify';
import { dossier, dossierKilledAfter, lockHolder } from './processes';

export interface TortureOptions {
  /** CLI runs killed (runs that finish first are counted as acknowledged and do not count here). */
  cliKills: number;
  serveKills: number;
  lockRounds: number;
  /** Clients posting edits to `dossier serve` at once. */
  clients?: number;
  log?: (line: string) => void;
  seed?: number;
}

export interface TortureReport {
  kills: number;
  acknowledged: number;
  lost: number;
  failedOpens: number;
  failedVerifies: number;
  lockRounds: number;
  doubleHolders: number;
  lostDetails: string[];
}

/** What an acknowledged edit left behind, checked against the archive afterwards. */
type Expect =
  | { kind: 'tag'; id: string; tag: string }
  | { kind: 'note'; id: string; text: string }
  | { kind: 'title'; title: string };

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => (s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
}

export async function runTorture(options: TortureOptions): Promise<TortureReport> {
  const log = options.log ?? (() => undefined);
  const rand = random(options.seed ?? Date.now());
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'dossier-torture-'));
  const report: TortureReport = {
    kills: 0,
    acknowledged: 0,
    lost: 0,
    failedOpens: 0,
    failedVerifies: 0,
    lockRounds: 0,
    doubleHolders: 0,
    lostDetails: [],
  };
  try {
    const dir = path.join(tmp, 'archive');
    const init = await dossier(['init', '--archive', dir, '--json']).done;
    if (init.code !== 0) throw new Error(`dossier init failed: ${init.stderr}`);
    const seedId = (await readOnly(dir, (a) => a.data.items.find((i) => i.kind === 'article')!.id)) as string;
    const bundle = await makeBundle(tmp);
    const expected: Expect[] = [];

    let cliKilled = 0;
    for (let i = 0; cliKilled < options.cliKills && i < options.cliKills * 5; i++) {
      const op = Math.floor(rand() * 4);
      let args: string[];
      let expect: Expect;
      if (op === 0) {
        expect = { kind: 'tag', id: seedId, tag: `cli-tag-${i}` };
        args = ['tag', seedId, expect.tag];
      } else if (op === 1) {
        expect = { kind: 'note', id: seedId, text: `cli note ${i}` };
        args = ['note', seedId, expect.text];
      } else if (op === 2) {
        const file = path.join(tmp, `story-${i}.txt`);
        expect = { kind: 'title', title: `Torture story ${i}` };
        await writeFile(
          file,
          `${expect.title}\n\nA report number ${i} on harbour traffic, grain prices and the weather at sea.`,
        );
        args = ['import', file];
      } else {
        expect = { kind: 'title', title: 'Bundled story one' };
        args = ['import', bundle];
      }
      // A CLI run takes 0.2–0.8 s here: kill anywhere from start-up to the final write.
      const run = await dossierKilledAfter([...args, '--archive', dir], 30 + rand() * 700);
      if (run.killed) {
        report.kills += 1;
        cliKilled += 1;
      }
      if (run.code === 0) {
        report.acknowledged += 1;
        expected.push(expect);
      } else if (!run.killed && !/already in the archive/.test(run.stdout + run.stderr)) {
        log(`cli ${args[0]} failed without a kill: ${run.stderr.trim()}`);
      }
    }
    await check(dir, expected, report, log);

    for (let round = 0; round < options.serveKills; round++) {
      const acked = await serveRound(dir, seedId, round, options.clients ?? 4, 200 + rand() * 1_300);
      report.kills += 1;
      report.acknowledged += acked.length;
      expected.push(...acked);
      if ((round + 1) % 10 === 0 || round === options.serveKills - 1) await check(dir, expected, report, log);
    }

    for (let round = 0; round < options.lockRounds; round++) {
      const lockDir = path.join(tmp, `lock-${round}`);
      const pair = [lockHolder(lockDir, 20), lockHolder(lockDir, 20)];
      const spans = (await Promise.all(pair.map((p) => p.done))).map((d) => d.stdout.trim().split(' ').map(BigInt));
      report.lockRounds += 1;
      if (spans.some((s) => s.length !== 2)) throw new Error('a lock holder failed');
      const [a, b] = spans;
      if (a[0] < b[1] && b[0] < a[1]) report.doubleHolders += 1;
    }
    log(`done: ${JSON.stringify({ ...report, lostDetails: report.lostDetails.length })}`);
    return report;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function readOnly<T>(dir: string, fn: (archive: Archive) => T | Promise<T>): Promise<T> {
  const archive = await Archive.open(dir, { readOnly: true });
  try {
    return await fn(archive);
  } finally {
    await archive.close();
  }
}

/** Opens the archive after the kills (as its next writer would), verifies it and looks for every acknowledged edit. */
async function check(dir: string, expected: Expect[], report: TortureReport, log: (s: string) => void): Promise<void> {
  let archive: Archive;
  try {
    archive = await Archive.open(dir, { lockWaitMs: 10_000 });
  } catch (error) {
    report.failedOpens += 1;
    log(`open failed: ${(error as Error).message}`);
    return;
  }
  try {
    const verdict = await verifyArchive(archive);
    if (!verdict.ok) {
      report.failedVerifies += 1;
      log(`verify: ${verdict.problems.join(' ')}`);
    }
    const titles = new Set(archive.data.items.map((i) => i.title));
    for (const e of expected.splice(0)) {
      const found =
        e.kind === 'title'
          ? titles.has(e.title)
          : e.kind === 'tag'
            ? archive.has(e.id) && archive.item(e.id).tags.includes(e.tag)
            : archive.notesOf(e.id).some((n) => n.text === e.text);
      if (!found) {
        report.lost += 1;
        report.lostDetails.push(JSON.stringify(e));
      }
    }
  } finally {
    await archive.close();
  }
}

/** A small .dossier bundle made by the real CLI, imported again and again by the torture. */
async function makeBundle(tmp: string): Promise<string> {
  const src = path.join(tmp, 'bundle-src');
  const text = path.join(tmp, 'bundled.txt');
  await writeFile(text, 'Bundled story one\n\nA story that travels inside a bundle, about rail freight and canals.');
  for (const args of [
    ['import', text, '--archive', src],
    ['export', 'archive', '--out', path.join(tmp, 'small.dossier'), '--archive', src],
  ]) {
    const done = await dossier(args).done;
    if (done.code !== 0) throw new Error(`preparing the bundle failed: ${done.stderr}`);
  }
  return path.join(tmp, 'small.dossier');
}

/** Starts `dossier serve`, has clients post edits until it is killed, and returns the acknowledged ones. */
async function serveRound(
  dir: string,
  seedId: string,
  round: number,
  clients: number,
  killAfterMs: number,
): Promise<Expect[]> {
  const server = dossier(['serve', '--port', '0', '--archive', dir]);
  const url = await new Promise<URL | null>((resolve) => {
    let out = '';
    server.child.stdout?.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/\S+)/);
      if (m) resolve(new URL(m[1]));
    });
    void server.done.then(() => resolve(null));
  });
  if (!url) {
    const done = await server.done;
    throw new Error(`dossier serve did not start: ${done.stderr.trim()}`);
  }
  const token = url.searchParams.get('token') ?? '';
  const acked: Expect[] = [];
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    server.child.kill('SIGKILL');
  }, killAfterMs);
  const call = async (method: string, args: unknown) => {
    const res = await fetch(new URL(`/api/${method}`, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dossier-token': token },
      body: JSON.stringify(args),
    });
    return res.status === 200 && ((await res.json()) as { ok: boolean }).ok;
  };
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; !killed; n++) {
        const edit: Expect =
          n % 2 === 0
            ? { kind: 'tag', id: seedId, tag: `s${round}-c${client}-${n}` }
            : { kind: 'note', id: seedId, text: `serve note ${round}/${client}/${n}` };
        try {
          const ok =
            edit.kind === 'tag'
              ? await call('tags.add', { id: seedId, tags: [edit.tag] })
              : await call('notes.create', { itemId: seedId, text: (edit as { text: string }).text });
          if (ok) acked.push(edit);
        } catch {
          break; // the connection died with the server
        }
      }
    }),
  );
  clearTimeout(timer);
  await server.done;
  return acked;
}
