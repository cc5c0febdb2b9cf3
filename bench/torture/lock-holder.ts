// A process that takes an archive's writer lock, says when (on the system-wide monotonic
// clock, so several processes can be compared), holds it a moment and lets it go. Used by
// the lock tests and the torture run to count rounds in which two processes held the lock.

import { mkdirSync } from 'node:fs';
import { acquireLock } from '../../archive/core/lock';

const [dir, holdMs = '30', waitMs = '20000'] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const lock = await acquireLock(dir, { waitMs: Number(waitMs), holder: 'lock test' });
const acquired = process.hrtime.bigint();
await new Promise((r) => setTimeout(r, Number(holdMs)));
const released = process.hrtime.bigint();
await lock.release();
process.stdout.write(`${acquired} ${released}\n`);
