// Turns the first problem zod found in a file into one line a person can act on: where it
// is and what is wrong there, e.g. `items[0].tags: expected array, received string`.

import type { z } from 'zod';

export function describeSchemaIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'it does not have the expected shape';
  const where =
    issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('') ||
    'the top level';
  return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
}
