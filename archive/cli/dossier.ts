// Entry point of the `dossier` executable.

import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('dossier: unexpected error\n');
    process.exitCode = 1;
  },
);
