// Starts the renderer: applies the remembered theme before the first paint (no flash of
// the wrong colours), then mounts the app inside its providers.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ArchiveVersionProvider } from './hooks/useArchiveVersion';
import { NotificationsProvider } from './components/Notifications';
import { connectArchive, flushPreferences, readPreference } from './lib/preferences';
import { call } from './api/client';
import './styles/app.css';
import './styles/keyboard.css';
import './styles/reading.css';
import './styles/print.css';

const theme = readPreference('theme');
if (theme === 'light' || theme === 'dark' || theme === 'system') document.documentElement.dataset.theme = theme;

// The archive's copy of the preferences follows as soon as it answers.
void connectArchive(
  {
    get: async () => {
      const o = await call('settings.get', {});
      return o.ok ? o.value.preferences : null;
    },
    set: (key, value) => call('settings.set', { key, value }),
  },
  ['theme', 'fontSize', 'sidebarWidth', 'listWidth'],
);
addEventListener('pagehide', flushPreferences);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <NotificationsProvider>
      <ArchiveVersionProvider>
        <App />
      </ArchiveVersionProvider>
    </NotificationsProvider>
  </StrictMode>,
);
