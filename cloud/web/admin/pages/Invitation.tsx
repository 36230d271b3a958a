/** Accepting an invitation (#/invitation/<token>): the invited admin chooses a password, then signs in. */
import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { invitationSchema } from '../../../admin/team/schemas.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { translator } from '../i18n.js';
import { SIGN_IN_TEXTS } from '../texts/signIn.js';
import { ErrorBox, messageOf } from '../ui.js';

type InvitationView = z.output<typeof invitationSchema>;
const t = translator(SIGN_IN_TEXTS);
/** As cloud/auth/passwords.ts requires (the server says so too, in French, when it refuses). */
const PASSWORD_MIN = 8;

export function Invitation({ token }: { token: string }) {
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState(false);

  useEffect(() => {
    api<InvitationView>(`/admin/invitations/${encodeURIComponent(token)}`, { quiet401: true }).then(setInvitation, (failure: unknown) => setError(messageOf(failure)));
  }, [token]);

  async function accept(event: FormEvent) {
    event.preventDefault();
    if (password !== again) return setError(t('passwordsDiffer'));
    setBusy(true);
    setError(null);
    try {
      await api('/admin/invitations/accept', { json: { token, password }, quiet401: true });
      setAccepted(true);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <section className="card">
        <h1>{t('invitationTitle')}</h1>
        {accepted ? (
          <>
            <p className="success">{t('accepted')}</p>
            <a className="button primary" href="#/">
              {t('toSignIn')}
            </a>
          </>
        ) : invitation ? (
          <form onSubmit={accept}>
            <p>{t('invitationHello', { name: invitation.name, email: invitation.email, min: PASSWORD_MIN, until: dateTime(invitation.expiresAt) })}</p>
            <label htmlFor="new-password">{t('newPassword')}</label>
            <input id="new-password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} value={password} onChange={(event) => setPassword(event.target.value)} />
            <label htmlFor="new-password-again">{t('newPasswordAgain')}</label>
            <input id="new-password-again" type="password" autoComplete="new-password" required value={again} onChange={(event) => setAgain(event.target.value)} />
            <button type="submit" className="primary" disabled={busy || !password || !again}>
              {t('savePassword')}
            </button>
          </form>
        ) : (
          !error && <p className="muted">…</p>
        )}
        <ErrorBox message={error} />
      </section>
    </div>
  );
}
