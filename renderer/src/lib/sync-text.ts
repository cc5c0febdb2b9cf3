// How sync reads in the interface: the status line ("Syncing…", "Synced 2 min ago: 3 changes
// in", a failure in one sentence), what a round moved, and a conflicting value as a person
// would recognise it. Pure functions of the contract's sync types.

import type { RoundReport, SyncStatus } from '../../../archive/api/types';
import { plural } from './format';

/** "just now", "4 min ago", "2 h ago", else the date and time. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 45) return 'just now';
  if (seconds < 3_600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3_600)} h ago`;
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** What one round moved, in a few words ("sent 2 changes, received 5"); "nothing new" when idle. */
export function moved(report: RoundReport): string {
  const parts: string[] = [];
  if (report.published.operations) parts.push(`sent ${plural(report.published.operations, 'change')}`);
  if (report.received.operations) parts.push(`received ${plural(report.received.operations, 'change')}`);
  if (report.waiting.length) parts.push(`${plural(report.waiting.length, 'file')} still arriving`);
  return parts.join(', ') || 'nothing new';
}

/** The status line; null when sync has not been set up. */
export function statusLine(status: SyncStatus, now = Date.now()): string | null {
  if (!status.target) return null;
  if (status.running) return 'Syncing…';
  if (status.error) return `Sync failed: ${status.error}`;
  if (status.paused) return 'Sync is turned off.';
  if (status.last) {
    const synced = `Synced ${ago(status.last.at, now)}`;
    // An idle round says "nothing new"; the last one that moved something is still worth telling.
    if (status.moved && status.moved.at !== status.last.at)
      return `${synced}. Before that: ${moved(status.moved.report)} (${ago(status.moved.at, now)}).`;
    return `${synced}: ${moved(status.last.report)}.`;
  }
  if (status.lastRound) return `Last synced ${ago(status.lastRound, now)}.`;
  return status.background ? 'Waiting for the first round…' : 'Not synced yet.';
}

/** Where an archive syncs to, as a person named it. */
export function targetLabel(target: NonNullable<SyncStatus['target']>): string {
  return target.kind === 'folder' ? target.folder : target.user ? `${target.user} at ${target.url}` : target.url;
}

/** A conflicting value as text: strings quoted, nothing as "(empty)". */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
}

/** The field a conflict is about, in words. */
export function fieldLabel(entity: string, field: string): string {
  const kind = { i: '', n: 'note ', h: 'highlight ', r: 'link ', t: 'tag ' }[entity[0]] ?? '';
  return `${kind}${field === 'text' ? 'text' : field}`;
}
