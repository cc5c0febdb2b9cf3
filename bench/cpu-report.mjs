// Loaded with `node --import` by the CLI benchmark: when the process exits, appends the CPU
// time it used (user + system, all threads, in ms) to the file DOSSIER_CPU_REPORT names.
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  if (process.env.DOSSIER_CPU_REPORT) appendFileSync(process.env.DOSSIER_CPU_REPORT, `${(user + system) / 1000}\n`);
});
