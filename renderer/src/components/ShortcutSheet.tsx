// The shortcut sheet `?` opens: every key the app answers to, grouped by where it works.

import { Dialog } from './Dialog';
import { SHORTCUTS } from '../lib/shortcuts';

export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <div className="shortcut-sheet">
        {SHORTCUTS.map((group) => (
          <section key={group.group} aria-label={group.group}>
            <h3 className="panel-subheading">{group.group}</h3>
            <dl className="shortcut-list">
              {group.shortcuts.map((s) => (
                <div key={s.does} className="shortcut">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="shortcut-or"> or </span>}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="button-row">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
