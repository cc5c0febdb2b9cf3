// `npm run torture`: the full storage torture (at least 200 kills and 50 lock rounds) with
// its figures printed as one table. Not part of `npm test`, which runs a short version.

import { runTorture } from './torture';

const cliKills = Number(process.env.TORTURE_CLI_KILLS ?? 100);
const serveKills = Number(process.env.TORTURE_SERVE_KILLS ?? 100);
const lockRounds = Number(process.env.TORTURE_LOCK_ROUNDS ?? 50);
const started = Date.now();
const report = await runTorture({ cliKills, serveKills, lockRounds, log: (line) => console.error(`  ${line}`) });
console.log(`
| figure | value |
|---|---|
| kills (SIGKILL of the CLI and of dossier serve) | ${report.kills} |
| acknowledged edits | ${report.acknowledged} |
| acknowledged edits lost | ${report.lost} |
| archives that failed to open | ${report.failedOpens} |
| archives that failed verify | ${report.failedVerifies} |
| lock rounds (two processes opening at once) | ${report.lockRounds} |
| rounds with two lock holders | ${report.doubleHolders} |
| time | ${((Date.now() - started) / 1000).toFixed(0)} s |`);
if (report.lostDetails.length) console.log(`lost: ${report.lostDetails.slice(0, 20).join(', ')}`);
process.exitCode = report.lost || report.failedOpens || report.failedVerifies || report.doubleHolders ? 1 : 0;
