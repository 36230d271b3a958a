/** Accepting an invitation (#/invitation/<token>): the invited admin chooses a password, then signs in. */
import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { invitationSchema } from '../../../admin/team/schemas.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { ErrorBox, messageOf } from '../ui.js';

type InvitationView = z.output<typeof invitationSchema>;

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
    if (password !== again) return setError('Les deux mots de passe ne sont pas identiques.');
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
        <h1>Invitation au portail d’administration</h1>
        {accepted ? (
          <>
            <p className="success">Votre mot de passe est enregistré. Connectez-vous : vous activerez ensuite la double authentification.</p>
            <a className="button primary" href="#/">
              Aller à la connexion
            </a>
          </>
        ) : invitation ? (
          <form onSubmit={accept}>
            <p>
              Bonjour {invitation.name} : choisissez le mot de passe de <strong>{invitation.email}</strong> (au moins 8 caractères). Invitation valable jusqu’au {dateTime(invitation.expiresAt)}.
            </p>
            <label htmlFor="new-password">Mot de passe</label>
            <input id="new-password" type="password" autoComplete="new-password" required minLength={8} value={password} onChange={(event) => setPassword(event.target.value)} />
            <label htmlFor="new-password-again">Mot de passe (encore)</label>
            <input id="new-password-again" type="password" autoComplete="new-password" required value={again} onChange={(event) => setAgain(event.target.value)} />
            <button type="submit" className="primary" disabled={busy || !password || !again}>
              Enregistrer le mot de passe
            </button>
          </form>
        ) : (
          !error && <p className="muted">Chargement…</p>
        )}
        <ErrorBox message={error} />
      </section>
    </div>
  );
}
