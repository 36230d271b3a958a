/**
 * What every page of the portal uses: loading a GET answer, an error box, the pager, and the
 * action form — a required « Motif », the button disabled until one is typed, a confirmation
 * step for destructive actions, and the server's French refusal shown under it.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { REASON_MAX } from '../../../shared/admin/rules.js';
import { api, ApiError } from './api.js';
import { translator } from './i18n.js';
import { COMMON_TEXTS } from './texts/common.js';

const t = translator(COMMON_TEXTS);

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
  replace(data: T): void;
}

export function useLoad<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    // Other filters or another page: the previous answer goes (never shown under the new ones).
    if (shown.current !== path) setData(null);
    shown.current = path;
    setLoading(true);
    api<T>(path)
      .then((answer) => {
        if (!live) return;
        setData(answer);
        setError(null);
      })
      .catch((failure: unknown) => live && setError(messageOf(failure)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, reload, replace: setData };
}

export function messageOf(failure: unknown): string {
  return failure instanceof ApiError || failure instanceof Error ? failure.message : t('unexpected');
}

export function ErrorBox({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export function Loading({ loaded }: { loaded: Pick<Loaded<unknown>, 'loading' | 'error' | 'data'> }) {
  if (loaded.error) return <ErrorBox message={loaded.error} />;
  if (loaded.loading && loaded.data === null) return <p className="muted">{t('loading')}</p>;
  return null;
}

export function Pager({ page, hasMore, onPage }: { page: number; hasMore: boolean; onPage(page: number): void }) {
  if (page <= 1 && !hasMore) return null;
  return (
    <nav className="pager" aria-label={t('pages')}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('previous')}
      </button>
      <span>{t('pageNumber', { page })}</span>
      <button type="button" disabled={!hasMore} onClick={() => onPage(page + 1)}>
        {t('next')}
      </button>
    </nav>
  );
}

export interface ActionFormProps {
  title: string;
  button: string;
  /** Asks « Confirmer ? » before sending. */
  confirm?: string;
  danger?: boolean;
  /** Extra fields (days, credits, plan), above the reason. */
  children?: ReactNode;
  /** Whether the extra fields are filled. */
  ready?: boolean;
  onSubmit(reason: string): Promise<void>;
  done?: string;
}

export function ActionForm({ title, button, confirm, danger, children, ready = true, onSubmit, done }: ActionFormProps) {
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const filled = reason.trim().length > 0 && ready;

  async function send() {
    setBusy(true);
    setError(null);
    setSuccess(null);
    try {
      await onSubmit(reason.trim());
      setReason('');
      setSuccess(done ?? t('done'));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
      setAsking(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!filled || busy) return;
    if (confirm && !asking) return setAsking(true);
    void send();
  }

  const id = `motif-${title.replace(/\W+/g, '-')}`;
  return (
    <form className={`action${danger ? ' danger' : ''}`} onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      {children}
      <label htmlFor={id}>{t('reason')}</label>
      <textarea id={id} required maxLength={REASON_MAX} rows={2} value={reason} placeholder={t('reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} />
      {asking ? (
        <div className="confirm" role="alertdialog" aria-label={t('confirmation')}>
          <p>{confirm}</p>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {t('confirm')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={!filled || busy}>
          {button}
        </button>
      )}
      <ErrorBox message={error} />
      {success && (
        <p className="success" role="status">
          {success}
        </p>
      )}
    </form>
  );
}
