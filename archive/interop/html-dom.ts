// Opens HTML in jsdom the one safe way: a page nested deeper than jsdom and Readability can
// bear is refused first (they recurse, and slow down steeply with depth), and jsdom's
// console is silenced, so CSS it cannot parse never prints a stack trace.

import { JSDOM, VirtualConsole } from 'jsdom';
import { htmlNestingDepth } from './html-depth';

/** Real articles nest a few dozen levels; Readability takes seconds past a few hundred. */
export const MAX_NESTING_DEPTH = 256;

/** Throws a one-line Error when `html` nests elements more than MAX_NESTING_DEPTH deep. */
export function assertShallowHtml(html: string, what = 'the page'): void {
  if (htmlNestingDepth(html, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) {
    throw new Error(`${what} is nested too deeply to read (more than ${MAX_NESTING_DEPTH} levels of elements)`);
  }
}

/** A console that hears jsdom's complaints and says nothing: they are about the page, not for the user. */
export function quietConsole(): VirtualConsole {
  return new VirtualConsole();
}

/** A jsdom document of `html` (checked for depth), at `url` when given. */
export function htmlDocument(html: string, options: { url?: string | null; what?: string } = {}): JSDOM {
  assertShallowHtml(html, options.what);
  return new JSDOM(html, { ...(options.url ? { url: options.url } : {}), virtualConsole: quietConsole() });
}
