// Short messages for the person using the app: errors as one sentence (never a stack
// trace), confirmations with an optional Undo. Announced politely to screen readers.

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface Notice {
  id: number;
  text: string;
  tone: 'error' | 'info';
  action?: { label: string; run: () => void };
}

interface Notify {
  error: (text: string) => void;
  info: (text: string, action?: Notice['action']) => void;
}

const Context = createContext<Notify>({ error: () => undefined, info: () => undefined });

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const push = useCallback(
    (notice: Omit<Notice, 'id'>) => {
      const id = next.current++;
      setNotices((all) => [...all.slice(-3), { ...notice, id }]);
      setTimeout(() => dismiss(id), notice.action ? 8000 : 5000);
    },
    [dismiss],
  );
  const notify = useMemo<Notify>(
    () => ({
      error: (text) => push({ text, tone: 'error' }),
      info: (text, action) => push({ text, tone: 'info', action }),
    }),
    [push],
  );
  return (
    <Context.Provider value={notify}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.tone}`}>
            <span>{n.text}</span>
            {n.action && (
              <button
                type="button"
                onClick={() => {
                  n.action?.run();
                  dismiss(n.id);
                }}
              >
                {n.action.label}
              </button>
            )}
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </Context.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(Context);
}
