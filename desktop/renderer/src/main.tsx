import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { LocaleProvider } from './app/locale.js';
import { SessionProvider } from './app/session.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </LocaleProvider>
  </StrictMode>,
);

// The web app installs a service worker that keeps the app shell and the SQLite WASM in cache.
if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !import.meta.env.DEV) {
  void navigator.serviceWorker.register('./sw.js', { scope: './' });
}
