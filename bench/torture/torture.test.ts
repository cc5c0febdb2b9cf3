// The short version of `npm run torture`, in `npm test`: a few kills of each kind.
import { describe, it, expect } from 'vitest';
import { runTorture } from './torture';

describe('the storage torture, short', () => {
  it('loses no acknowledged edit when the CLI and dossier serve are killed, and never has two lock holders', async () => {
    const report = await runTorture({ cliKills: 6, serveKills: 4, lockRounds: 4, seed: 20261201 });
    expect(report.kills).toBeGreaterThanOrEqual(6);
    expect(report.acknowledged).toBeGreaterThan(10);
    expect(report.lostDetails).toEqual([]);
    expect(report).toMatchObject({ lost: 0, failedOpens: 0, failedVerifies: 0, doubleHolders: 0, lockRounds: 4 });
  }, 240_000);
});
