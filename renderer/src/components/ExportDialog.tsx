// Exports notes and highlights: scope (this item, the current results, a tag, everything)
// and format (Markdown files with front matter, one Markdown digest, JSON, CSV). The
// result is downloaded as one file, or as one zip when the format makes several.

import { useEffect, useState } from 'react';
import { Dialog } from './Dialog';
import { call } from '../api/client';
import { downloadFiles } from '../lib/download';
import { useNotify } from './Notifications';

type ScopeKind = 'item' | 'query' | 'tag' | 'all';
type Format = 'md' | 'digest' | 'json' | 'csv';

interface Props {
  open: boolean;
  onClose: () => void;
  itemId: string | null;
  itemTitle: string | null;
  query: string;
  tags: string[];
}

export function ExportDialog({ open, onClose, itemId, itemTitle, query, tags }: Props) {
  const notify = useNotify();
  const [scope, setScope] = useState<ScopeKind>(itemId ? 'item' : 'all');
  const [tag, setTag] = useState(tags[0] ?? '');
  const [format, setFormat] = useState<Format>('digest');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setScope(itemId ? 'item' : 'all');
      setResult(null);
    }
  }, [open, itemId]);
  useEffect(() => {
    if (!tags.includes(tag)) setTag(tags[0] ?? '');
  }, [tags, tag]);

  const run = async () => {
    const chosen =
      scope === 'item' && itemId ? { kind: 'item' as const, id: itemId } : scope === 'tag' && tag ? { kind: 'tag' as const, tag } : scope === 'query' ? { kind: 'query' as const, q: query } : { kind: 'all' as const };
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
            <input type="radio" name="scope" checked={scope === 'item'} disabled={!itemId} onChange={() => setScope('item')} />
            This item{itemTitle ? `: ${itemTitle.slice(0, 48)}${itemTitle.length > 48 ? '…' : ''}` : ''}
          </label>
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'query'} onChange={() => setScope('query')} />
            The current results{query ? ` (${query.slice(0, 40)})` : ''}
          </label>
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'tag'} disabled={tags.length === 0} onChange={() => setScope('tag')} />
            A tag
            <select aria-label="Tag to export" value={tag} disabled={scope !== 'tag'} onChange={(e) => setTag(e.target.value)}>
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
          <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="digest">One Markdown digest</option>
            <option value="md">Markdown files with front matter (zip)</option>
            <option value="json">JSON</option>
            <option value="csv">CSV</option>
          </select>
        </label>
        {result && <p className="export-result" role="status">{result}</p>}
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
