// Opens HTML in jsdom the one safe way: a page nested deeper than jsdom and Readability can
// bear is refused first (they recurse, and slow down steeply with depth), and jsdom's
// console is silenced, so CSS it cannot parse never prints a stack trace. jsdom itself loads
// the first time a page is opened, not with the importers: it costs a thread some 40 MB of
// heap, which importing plain text or an app's CSV or JSON export never needs.

import { createRequire } from 'node:module';
import type { JSDOM, VirtualConsole } from 'jsdom';
import { htmlNestingDepth } from './html-depth';

const nodeRequire = createRequire(import.meta.url);
let library: typeof import('jsdom') | null = null;

/** The jsdom package, loaded on first use (a CommonJS package: require is synchronous). */
export function jsdom(): typeof import('jsdom') {
  return (library ??= nodeRequire('jsdom') as typeof import('jsdom'));
}

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
  return new (jsdom().VirtualConsole)();
}

/** A jsdom document of `html` (checked for depth), at `url` when given. */
export function htmlDocument(html: string, options: { url?: string | null; what?: string } = {}): JSDOM {
  assertShallowHtml(html, options.what);
  return new (jsdom().JSDOM)(html, { ...(options.url ? { url: options.url } : {}), virtualConsole: quietConsole() });
}
