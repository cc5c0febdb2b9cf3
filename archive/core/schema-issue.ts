// Turns the first problem zod found in a file into words a person can act on:
// where it is ("items[3].tags") and what is wrong with it ("expected array, received string").

import type { z } from 'zod';

export function describeSchemaIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'it does not have the expected shape';
  let where = '';
  for (const key of issue.path) where += typeof key === 'number' ? `[${key}]` : where ? `.${String(key)}` : String(key);
  return where ? `${where} is not valid (${issue.message})` : issue.message;
}
