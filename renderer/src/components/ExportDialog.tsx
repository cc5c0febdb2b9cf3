// Exports notes and highlights: scope (this item, the selected results, the current
// results, a tag, everything)
// and format (Markdown files with front matter, one Markdown digest, JSON, CSV). The
// result is downloaded as one file, or as one zip when the format makes several.

import { useEffect, useState } from 'react';
import { Dialog } from './Dialog';
import { useResetOnOpen } from '../hooks/useResetOnOpen';
import { call } from '../api/client';
import { downloadFiles } from '../lib/download';
import { mergeExports, type ExportFile } from '../lib/merge-exports';
import { useNotify } from './Notifications';
import type { ExportFormat } from '../../../archive/api/types';

type ScopeKind = 'item' | 'selection' | 'query' | 'tag' | 'all';

interface Props {
  open: boolean;
  onClose: () => void;
  itemId: string | null;
  itemTitle: string | null;
  query: string;
  tags: string[];
  /** The selected results' ids; exported item by item (the archive has no "these ids" scope). */
  selection: string[];
  /** Opened from the bulk bar: start on the selection. */
  preferSelection: boolean;
}

export function ExportDialog({ open, onClose, itemId, itemTitle, query, tags, selection, preferSelection }: Props) {
  const notify = useNotify();
  const [scope, setScope] = useState<ScopeKind>(itemId ? 'item' : 'all');
  const [tag, setTag] = useState(tags[0] ?? '');
  const [format, setFormat] = useState<ExportFormat>('digest');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  useResetOnOpen(open, `${itemId}|${preferSelection}`, () => {
    setScope(preferSelection && selection.length ? 'selection' : itemId ? 'item' : 'all');
    setResult(null);
  });
  useEffect(() => {
    if (!tags.includes(tag)) setTag(tags[0] ?? '');
  }, [tags, tag]);

  const runSelection = async () => {
    setBusy(true);
    const parts: ExportFile[][] = [];
    let items = 0;
    for (const id of selection) {
      const outcome = await call('export.notes', { scope: { kind: 'item', id }, format });
      if (!outcome.ok) {
        setBusy(false);
        return notify.error(outcome.error.message);
      }
      items += outcome.value.items;
      parts.push(outcome.value.files);
    }
    setBusy(false);
    const files = mergeExports(format, parts);
    if (files.length === 0 || items === 0)
      return setResult('The selected items have no highlights or notes to export.');
    const name = downloadFiles(files, `dossier-notes-${new Date().toISOString().slice(0, 10)}.zip`);
    setResult(`Saved ${name} (${items} item${items === 1 ? '' : 's'}).`);
  };

  const run = async () => {
    if (scope === 'selection') return runSelection();
    const chosen =
      scope === 'item' && itemId
        ? { kind: 'item' as const, id: itemId }
        : scope === 'tag' && tag
          ? { kind: 'tag' as const, tag }
          : scope === 'query'
            ? { kind: 'query' as const, q: query }
            : { kind: 'all' as const };
    setBusy(true);
    const outcome = await call('export.notes', { scope: chosen, format });
    setBusy(false);
    if (!outcome.ok) return notify.error(outcome.error.message);
    if (outcome.value.files.length === 0) return setResult('There was nothing to export.');
    const name = downloadFiles(outcome.value.files, `dossier-notes-${new Date().toISOString().slice(0, 10)}.zip`);
    setResult(`Saved ${name} (${outcome.value.items} item${outcome.value.items === 1 ? '' : 's'}).`);
  };

  return (
    <Dialog title="Export notes" open={open} onClose={onClose}>
      <form
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset>
          <legend>What</legend>
          <label className="radio">
            <input
              type="radio"
              name="scope"
              checked={scope === 'item'}
              disabled={!itemId}
              onChange={() => setScope('item')}
            />
            This item{itemTitle ? `: ${itemTitle.slice(0, 48)}${itemTitle.length > 48 ? '…' : ''}` : ''}
          </label>
          {selection.length > 0 && (
            <label className="radio">
              <input type="radio" name="scope" checked={scope === 'selection'} onChange={() => setScope('selection')} />
              The selected results ({selection.length})
            </label>
          )}
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'query'} onChange={() => setScope('query')} />
            The current results{query ? ` (${query.slice(0, 40)})` : ''}
          </label>
          <label className="radio">
            <input
              type="radio"
              name="scope"
              checked={scope === 'tag'}
              disabled={tags.length === 0}
              onChange={() => setScope('tag')}
            />
            A tag
            <select
              aria-label="Tag to export"
              value={tag}
              disabled={scope !== 'tag'}
              onChange={(e) => setTag(e.target.value)}
            >
              {tags.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            Everything
          </label>
        </fieldset>
        <label className="field">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            <option value="digest">One Markdown digest</option>
            <option value="md">Markdown files with front matter (zip)</option>
            <option value="json">JSON</option>
            <option value="csv">CSV</option>
          </select>
        </label>
        {result && (
          <p className="export-result" role="status">
            {result}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary-button" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Dialog>
  );
}
