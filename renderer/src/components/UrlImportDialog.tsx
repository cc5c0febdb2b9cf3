// Imports one web page by its address: the archive fetches it once, extracts the article
// and keeps it offline from then on. Only http(s) addresses are accepted.

import { useState } from 'react';
import { Dialog } from './Dialog';

interface Props {
  open: boolean;
  onClose: () => void;
  onImport: (url: string) => Promise<boolean>;
}

export function UrlImportDialog({ open, onClose, onImport }: Props) {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const valid = /^https?:\/\/\S+\.\S+/i.test(url.trim());
  return (
    <Dialog title="Import a web page" open={open} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!valid) return;
          setBusy(true);
          const ok = await onImport(url.trim());
          setBusy(false);
          if (ok) {
            setUrl('');
            onClose();
          }
        }}
      >
        <label className="field">
          Web address
          <input type="url" placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} autoFocus />
        </label>
        <p className="dialog-hint">Dossier fetches the page once and keeps the article on this machine.</p>
        <div className="button-row">
          <button type="submit" className="primary-button" disabled={!valid || busy}>
            {busy ? 'Importing…' : 'Import page'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
