// How a failed command reads on stderr: one line, the message written for the person, no
// stack (DOSSIER_DEBUG=1 prints it too). Kept apart from the commands so that the help path
// can load it without loading the archive.

import { UsageError } from './args';
import { ArchiveError } from '../core/errors';

/** A command failed in a way the user can act on; its message is the whole story. */
export class CommandError extends Error {}

export function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return `${error.message} (see dossier --help)`;
  if (error instanceof CommandError || error instanceof ArchiveError) return error.message.split('\n')[0];
  if (error instanceof Error)
    return `unexpected error: ${error.message.split('\n')[0]} (set DOSSIER_DEBUG=1 for details)`;
  return 'unexpected error';
}
