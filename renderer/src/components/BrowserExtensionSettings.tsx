// The "Browser extension" setting: a toolbar button and its dialog. Turning it on starts
// Dossier's loopback listener for the Save to Dossier extension (off by default); while on,
// the dialog shows the one-time pairing code, renewed after each use.

import { useEffect, useState } from 'react';
import { Dialog } from './Dialog';
import { call } from '../api/client';
import type { ClipperStatus } from '../../../archive/api/types';

export function BrowserExtensionSettings() {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<ClipperStatus | null>(null);
  const [port, setPort] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    const out = await call('clipper.status', {});
    if (out.ok) {
      setStatus(out.value);
      setPort((p) => p || String(out.value.port));
    } else setError(out.error.message);
  };

  useEffect(() => {
    if (!open) return;
    void refresh();
    // The code changes once a browser has used it; keep what is shown current.
    const timer = setInterval(() => void refresh(), 2_000);
    return () => clearInterval(timer);
  }, [open]);

  const configure = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    const n = Number(port);
    const out = await call('clipper.configure', { enabled, ...(Number.isInteger(n) && n > 0 ? { port: n } : {}) });
    setBusy(false);
    if (out.ok) setStatus(out.value);
    else setError(out.error.message);
  };

  const unpair = async () => {
    const out = await call('clipper.unpairAll', {});
    if (out.ok) setStatus(out.value);
    else setError(out.error.message);
  };

  return (
    <>
      {/* An icon, so the toolbar still fits a 720 px window; its name is read out in full. */}
      <button
        type="button"
        className="toolbar-button icon-text"
        onClick={() => setOpen(true)}
        title="Browser extension: save pages from your browser"
      >
        <span aria-hidden="true">⤓</span>
        <span className="visually-hidden">Browser extension</span>
      </button>
      <Dialog title="Browser extension" open={open} onClose={() => setOpen(false)}>
        {status && !status.available ? (
          <p className="dialog-hint">This Dossier cannot listen for the browser extension.</p>
        ) : (
          <div className="browser-extension">
            <label className="field checkbox-field">
              <input
                type="checkbox"
                checked={status?.enabled ?? false}
                disabled={busy || status === null}
                onChange={(e) => void configure(e.target.checked)}
              />
              Let the Save to Dossier extension save pages here
            </label>
            <label className="field">
              Port on 127.0.0.1
              <input
                type="number"
                min={1024}
                max={65535}
                value={port}
                disabled={busy || status?.enabled}
                onChange={(e) => setPort(e.target.value)}
              />
            </label>
            {status?.enabled && status.code && (
              <div className="pairing-code" aria-label="Pairing code">
                <span className="dialog-hint">Pairing code — type it in the extension's popup:</span>
                <strong>{status.code}</strong>
              </div>
            )}
            {(error ?? status?.error) && <p className="error-text">{error ?? status?.error}</p>}
            <p className="dialog-hint">
              The extension talks only to Dossier on this computer, and only after pairing. Nothing is sent anywhere
              else.
            </p>
            <div className="button-row">
              <button type="button" onClick={() => void unpair()}>
                Unpair all browsers
              </button>
              <button type="button" className="primary-button" onClick={() => setOpen(false)}>
                Done
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
