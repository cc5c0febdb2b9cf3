// Entry point of the `dossier` executable (bundled to out/cli/dossier.mjs). It loads only
// the argument parser and the help text up front: everything else is imported by the
// command that needs it, so `dossier --help` starts as fast as Node itself.

import { guardPipes } from './pipes';
import { main } from './main';

guardPipes();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('dossier: unexpected error\n');
    process.exitCode = 1;
  },
);
