/**
 * Always visible: online or offline, changes waiting to be sent, last sync, a progress bar during
 * the first sync, and the "needs attention" list of changes the server refused.
 */
import { useEffect, useState } from 'react';
import { host } from '../host/host.js';
import { useQuery } from './data.js';
import { useLocale, useTexts } from './locale.js';
import { ProgressBar } from '../ui/components.js';
import type { SyncState } from '../../../../shared/sync/loop.js';

const TEXTS = {
  fr: {
    online: 'En ligne',
    offline: 'Hors ligne',
    syncing: 'Synchronisation…',
    stopped: 'Synchronisation arrêtée',
    pending: (n: number) => (n === 0 ? 'Tout est envoyé' : n === 1 ? '1 modification à envoyer' : `${n} modifications à envoyer`),
    last: 'Dernière synchro',
    never: 'jamais',
    now: 'Synchroniser',
    first: 'Première synchronisation',
    attention: (n: number) => `${n} modification(s) refusée(s) par le serveur`,
    retry: 'nouvel essai',
  },
  en: {
    online: 'Online',
    offline: 'Offline',
    syncing: 'Syncing…',
    stopped: 'Sync stopped',
    pending: (n: number) => (n === 0 ? 'Everything is sent' : n === 1 ? '1 change to send' : `${n} changes to send`),
    last: 'Last sync',
    never: 'never',
    now: 'Sync now',
    first: 'First sync',
    attention: (n: number) => `${n} change(s) refused by the server`,
    retry: 'retry',
  },
};

export function SyncBar() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const [state, setState] = useState<SyncState | null>(null);
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [lastSync, setLastSync] = useState<string | null>(null);
  const status = useQuery('syncStatus');
  useEffect(() => {
    void host.invoke('sync.state').then(setState).catch(() => undefined);
    return host.subscribe((event) => {
      if (event.type === 'sync') {
        setState(event.state);
        if (event.state.status === 'idle' && event.state.lastSync) setLastSync(event.state.lastSync);
        if (event.state.status !== 'syncing') setProgress(undefined);
        status.reload();
      }
      if (event.type === 'progress' && event.fraction !== 1) setProgress(event.fraction);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const pending = status.data?.pending ?? 0;
  const refused = status.data?.needsAttention ?? [];
  const label = !state ? '' : state.status === 'offline' ? t.offline : state.status === 'syncing' ? t.syncing : state.status === 'stopped' ? t.stopped : t.online;
  // The last successful sync stays shown while offline: "offline since" is what the tailor needs.
  const lastIso = state?.status === 'idle' && state.lastSync ? state.lastSync : lastSync;
  const last = lastIso ? new Date(lastIso).toLocaleTimeString(locale === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : null;
  return (
    <div className={`syncbar ${state?.status ?? 'idle'}`} data-testid="syncbar" data-status={state?.status ?? 'idle'} data-pending={pending}>
      <span className="dot" aria-hidden="true" />
      <strong>{label}</strong>
      <span>{t.pending(pending)}</span>
      <span className="muted">
        {t.last} : {last ?? t.never}
      </span>
      {state?.status === 'offline' ? <span className="muted">({t.retry} {new Date(state.retryAt).toLocaleTimeString()})</span> : null}
      <button type="button" className="small" onClick={() => void host.invoke('sync.now').then(setState).catch(() => undefined)}>
        {t.now}
      </button>
      {refused.length > 0 ? (
        <button type="button" className="small warn" onClick={() => setOpen(!open)}>
          {t.attention(refused.length)}
        </button>
      ) : null}
      {progress !== undefined ? <ProgressBar fraction={progress} label={t.first} /> : null}
      {open && refused.length > 0 ? (
        <ul className="attention" data-testid="needs-attention">
          {refused.map((r) => (
            <li key={r.id}>
              <code>{r.table}</code> — {r.message ?? r.code}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
