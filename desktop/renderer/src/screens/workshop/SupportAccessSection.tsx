/**
 * Settings › Assistance Styliste (owner, online only): allows the Styliste team to read the
 * workshop for 24 hours (clients, orders, messages, read-only, each page logged), shows when the
 * permission ends, and withdraws it after a confirmation. The cloud decides (supportChannels.ts);
 * the section asks again when the permission ends. Offline, it says it needs the internet.
 */
import { useCallback, useEffect, useState } from 'react';
import { host } from '../../host/host.js';
import { asError } from '../../app/data.js';
import { useCan } from '../../app/session.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { ConfirmButton, ErrorBanner } from '../../ui/components.js';
import { dateTime } from '../../ui/format.js';
import type { HostErrorShape, SupportAccess } from '../../../../../shared/host/channels.js';
import { SUPPORT_ACCESS_TEXTS } from './supportAccessTexts.js';

/** setTimeout's longest wait. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function SupportAccessSection({ timeZone }: { timeZone?: string }) {
  const t = useTexts(SUPPORT_ACCESS_TEXTS);
  const owner = useCan()('workshop', 'update');
  return (
    <section className="card" aria-labelledby="settings-support-title" style={{ marginTop: '1rem' }} data-testid="support-access">
      <h2 id="settings-support-title" style={{ marginTop: 0 }}>{t.title}</h2>
      <p className="muted">{t.hint}</p>
      {owner ? <SupportAccessControls timeZone={timeZone} /> : <p className="muted">{t.ownerOnly}</p>}
    </section>
  );
}

function SupportAccessControls({ timeZone }: { timeZone?: string }) {
  const t = useTexts(SUPPORT_ACCESS_TEXTS);
  const { locale } = useLocale();
  const [access, setAccess] = useState<SupportAccess | null | undefined>(undefined);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);

  const load = useCallback(() => {
    setError(null);
    setAccess(undefined);
    host
      .invoke('support.access', {})
      .then(setAccess)
      .catch((e: unknown) => {
        setError(asError(e));
        setAccess(null);
      });
  }, []);
  useEffect(load, [load]);

  // When the permission ends by itself, ask the cloud again (it then answers none).
  const expiresAt = access?.grant?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return undefined;
    const timer = setTimeout(load, Math.min(Math.max(Date.parse(expiresAt) - Date.now(), 0) + 1_000, MAX_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [expiresAt, load]);

  const run = async (channel: 'support.allow' | 'support.withdraw') => {
    setBusy(true);
    setError(null);
    setWithdrawn(false);
    try {
      setAccess(await host.invoke(channel, {}));
      setWithdrawn(channel === 'support.withdraw');
    } catch (caught) {
      setError(asError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (access === undefined) return <p className="loading" aria-busy="true">{t.loading}</p>;
  if (access === null) {
    return (
      <>
        {error ? <ErrorBanner error={error} /> : <p className="muted" data-testid="support-offline">{t.offline}</p>}
        <button type="button" onClick={load}>{t.retry}</button>
      </>
    );
  }
  return (
    <>
      {access.grant ? (
        <>
          <p className="badge ok" role="status" data-testid="support-allowed">{fill(t.allowed, { end: dateTime(access.grant.expiresAt, locale, timeZone) })}</p>
          <div className="row">
            <ConfirmButton label={t.withdraw} question={t.withdrawQuestion} confirm={t.yesWithdraw} cancel={t.no} onConfirm={() => void run('support.withdraw')} />
          </div>
        </>
      ) : (
        <>
          {withdrawn ? <p className="badge ok" role="status">{t.withdrawn}</p> : null}
          <button type="button" className="primary" disabled={busy} onClick={() => void run('support.allow')}>
            {t.allow}
          </button>
        </>
      )}
      <ErrorBanner error={error} />
    </>
  );
}
