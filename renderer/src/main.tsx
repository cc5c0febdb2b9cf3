// Starts the renderer: applies the remembered theme before the first paint (no flash of
// the wrong colours), then mounts the app inside its providers.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ArchiveVersionProvider } from './hooks/useArchiveVersion';
import { NotificationsProvider } from './components/Notifications';
import { readPreference } from './lib/preferences';
import './styles/app.css';
import './styles/keyboard.css';
import './styles/print.css';

const theme = readPreference('theme');
if (theme === 'light' || theme === 'dark' || theme === 'system') document.documentElement.dataset.theme = theme;

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <NotificationsProvider>
      <ArchiveVersionProvider>
        <App />
      </ArchiveVersionProvider>
    </NotificationsProvider>
  </StrictMode>,
);
