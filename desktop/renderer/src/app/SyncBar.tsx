/**
 * Always visible: online or offline, changes waiting to be sent, last sync, a progress bar during
 * the first sync, and the "needs attention" list: changes the server refused, and messages to
 * clients that failed in the last 30 days (with the hub's reason).
 */
import { useEffect, useState } from 'react';
import { host } from '../host/host.js';
import { useQuery } from './data.js';
import { fill, useLocale, useTexts } from './locale.js';
import { clockTime, intlLocale } from '../ui/format.js';
import { defineTexts } from '../../../../shared/i18n/texts.js';
import { ProgressBar } from '../ui/components.js';
import { FailedMessages } from '../screens/messages/FailedMessages.js';
import type { SyncState } from '../../../../shared/sync/loop.js';

const TEXTS = defineTexts({
  fr: {
    online: 'En ligne',
    offline: 'Hors ligne',
    syncing: 'Synchronisation…',
    stopped: 'Synchronisation arrêtée',
    pendingNone: 'Tout est envoyé',
    pendingOne: '1 modification à envoyer',
    pendingMany: '{n} modifications à envoyer',
    last: 'Dernière synchro : {time}',
    never: 'jamais',
    now: 'Synchroniser',
    first: 'Première synchronisation',
    attention: '{n} modification(s) refusée(s) par le serveur',
    failedOne: '1 message non envoyé',
    failedMany: '{n} messages non envoyés',
    retry: '(nouvel essai {time})',
  },
  en: {
    online: 'Online',
    offline: 'Offline',
    syncing: 'Syncing…',
    stopped: 'Sync stopped',
    pendingNone: 'Everything is sent',
    pendingOne: '1 change to send',
    pendingMany: '{n} changes to send',
    last: 'Last sync: {time}',
    never: 'never',
    now: 'Sync now',
    first: 'First sync',
    attention: '{n} change(s) refused by the server',
    failedOne: '1 message not sent',
    failedMany: '{n} messages not sent',
    retry: '(retry {time})',
  },
});

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
  const failed = status.data?.failedMessages ?? 0;
  const attention = [
    ...(refused.length > 0 ? [fill(t.attention, { n: refused.length })] : []),
    ...(failed > 0 ? [failed === 1 ? t.failedOne : fill(t.failedMany, { n: failed })] : []),
  ];
  const label = !state ? '' : state.status === 'offline' ? t.offline : state.status === 'syncing' ? t.syncing : state.status === 'stopped' ? t.stopped : t.online;
  // The last successful sync stays shown while offline: "offline since" is what the tailor needs.
  const lastIso = state?.status === 'idle' && state.lastSync ? state.lastSync : lastSync;
  const last = lastIso ? clockTime(lastIso, locale) : null;
  const pendingText = pending === 0 ? t.pendingNone : pending === 1 ? t.pendingOne : fill(t.pendingMany, { n: pending });
  return (
    <div className={`syncbar ${state?.status ?? 'idle'}`} data-testid="syncbar" data-status={state?.status ?? 'idle'} data-pending={pending}>
      <span className="dot" aria-hidden="true" />
      <strong>{label}</strong>
      <span>{pendingText}</span>
      <span className="muted">{fill(t.last, { time: last ?? t.never })}</span>
      {state?.status === 'offline' ? <span className="muted">{fill(t.retry, { time: new Date(state.retryAt).toLocaleTimeString(intlLocale(locale)) })}</span> : null}
      <button type="button" className="small" onClick={() => void host.invoke('sync.now').then(setState).catch(() => undefined)}>
        {t.now}
      </button>
      {attention.length > 0 ? (
        <button type="button" className="small warn" aria-expanded={open} data-testid="attention-toggle" onClick={() => setOpen(!open)}>
          {attention.join(' · ')}
        </button>
      ) : null}
      {progress !== undefined ? <ProgressBar fraction={progress} label={t.first} /> : null}
      {open && attention.length > 0 ? (
        <ul className="attention" data-testid="needs-attention">
          {refused.map((r) => (
            <li key={r.id}>
              <code>{r.table}</code> — {r.message ?? r.code}
            </li>
          ))}
          {failed > 0 ? <FailedMessages /> : null}
        </ul>
      ) : null}
    </div>
  );
}
