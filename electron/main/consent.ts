// The calls a window may make only with the user's say-so in a native dialog, which a page
// cannot draw or click for them: pointing sync at a folder or server copies the whole
// archive there. Pure: it names the question; the main process asks it.

import type { Method } from '../../archive/api/methods';

export interface ConsentQuestion {
  message: string;
  detail: string;
}

/** The question to ask before this call runs, or null when it needs none. */
export function consentQuestion(method: Method, args: unknown): ConsentQuestion | null {
  if (method !== 'sync.configure' || typeof args !== 'object' || args === null) return null;
  const target = (args as { target?: unknown }).target;
  if (typeof target !== 'object' || target === null) return null; // stopping sync, or a switch
  const t = target as { kind?: unknown; folder?: unknown; url?: unknown };
  const where =
    t.kind === 'folder' && typeof t.folder === 'string'
      ? `the folder ${t.folder}`
      : t.kind === 'webdav' && typeof t.url === 'string'
        ? `the WebDAV server ${t.url}`
        : 'a place this window named';
  return {
    message: `Sync this archive with ${where.slice(0, 300)}?`,
    detail: 'Every article, note, highlight and image will be copied there, and kept in step from now on.',
  };
}
