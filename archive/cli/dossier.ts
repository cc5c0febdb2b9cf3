// Entry point of the `dossier` executable.

import { main } from './main';
import { serve } from '../server/serve-command';

main(process.argv.slice(2), serve).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('dossier: unexpected error\n');
    process.exitCode = 1;
  },
);
