// What an archive host tells its clients unasked: the archive changed (and through which
// method, and who asked), or a long import made progress. Types only, so the renderer and
// the Electron main can take them without the archive.

import type { Method } from './methods';
import type { ImportSummary } from './types';

/** Who made a call: a client's name as its host knows it (a window, a socket client), or null. */
export type CallerId = string | null;

export interface ChangedEvent {
  name: 'changed';
  payload: {
    method: Method;
    by: CallerId;
    /** For imports: what went in and what did not. */
    imported?: string[];
    skipped?: ImportSummary['skipped'];
  };
}

export interface ProgressEvent {
  name: 'progress';
  payload: { done: number; total: number; by: CallerId };
}

export type ArchiveEvent = ChangedEvent | ProgressEvent;
