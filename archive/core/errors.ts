// The closed set of ways an archive operation can fail, each with a message written for
// the person reading it. Hosts turn an ArchiveError into `{ ok: false, error }`; anything
// else that escapes is a bug and crosses the boundary only as `internal`.

export const ERROR_CODES = [
  'not_found',
  'invalid_argument',
  'conflict',
  'corrupt_archive',
  'unsupported_format',
  'unsupported_version',
  'io_error',
  'internal',
  /** The caller gave up on the call (a search superseded by the next keystroke). */
  'cancelled',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ArchiveError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

export function notFound(what: string, id: string): ArchiveError {
  return new ArchiveError('not_found', `No ${what} with id ${id}.`);
}

export function invalid(message: string): ArchiveError {
  return new ArchiveError('invalid_argument', message);
}
