/**
 * Sign-in: e-mail and password, then the code (six digits from the authenticator, or a recovery
 * code). At the first sign-in: the QR code and the secret to type by hand, then the ten recovery
 * codes, shown once.
 */
import { useState, type FormEvent } from 'react';
import type { AdminSession } from '../../../admin/schemas.js';
import { api, ApiError } from '../api.js';
import { ErrorBox, messageOf } from '../ui.js';

interface LoginAnswer {
  challenge: string;
  enrollUri?: string;
  enrollQrSvg?: string;
}

function secretOf(uri: string): string {
  try {
    return new URL(uri).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
}

export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn(session: AdminSession): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [login, setLogin] = useState<LoginAnswer | null>(null);
  const [signed, setSigned] = useState<AdminSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  function sendPassword(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      setLogin(await api<LoginAnswer>('/admin/login', { json: { email, password }, quiet401: true }));
      setPassword('');
    });
  }

  function sendCode(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      try {
        const session = await api<AdminSession>('/admin/login/totp', { json: { challenge: login!.challenge, code }, quiet401: true });
        if (session.recoveryCodes?.length) setSigned(session);
        else onSignedIn(session);
      } catch (failure) {
        setCode('');
        if (failure instanceof ApiError && failure.code === 'admin_challenge_expired') setLogin(null);
        throw failure;
      }
    });
  }

  if (signed) {
    return (
      <div className="signin">
        <section className="card" aria-labelledby="codes-title">
          <h1 id="codes-title">Vos codes de secours</h1>
          <p>
            Notez ces dix codes et gardez-les en lieu sûr, hors de ce téléphone. Chacun remplace une seule fois le code de l’application si vous la perdez.{' '}
            <strong>Ils ne seront plus affichés.</strong>
          </p>
          <ol className="recovery" data-testid="recovery-codes">
            {signed.recoveryCodes!.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ol>
          <button type="button" className="primary" onClick={() => onSignedIn(signed)}>
            Je les ai notés
          </button>
        </section>
      </div>
    );
  }

  const enrolling = Boolean(login?.enrollUri);
  const secret = login?.enrollUri ? secretOf(login.enrollUri) : '';
  return (
    <div className="signin">
      <section className="card">
        <h1>Styliste — administration</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {!login ? (
          <form onSubmit={sendPassword}>
            <label htmlFor="email">Adresse e-mail</label>
            <input id="email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
            <label htmlFor="password">Mot de passe</label>
            <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
            <button type="submit" className="primary" disabled={busy || !email || !password}>
              Continuer
            </button>
          </form>
        ) : (
          <form onSubmit={sendCode}>
            {enrolling ? (
              <>
                <h2>Activez la double authentification</h2>
                <p>Dans votre application d’authentification (Google Authenticator, Aegis, 2FAS…), scannez ce code, puis saisissez le code à 6 chiffres qu’elle affiche.</p>
                {login.enrollQrSvg && <img className="qr" alt="QR code à scanner avec votre application d’authentification" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(login.enrollQrSvg)}`} />}
                <p>
                  Ou saisissez cette clé à la main : <code className="secret" data-testid="totp-secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </p>
              </>
            ) : (
              <p>Saisissez le code affiché par votre application d’authentification.</p>
            )}
            <label htmlFor="code">Code à 6 chiffres ou code de secours</label>
            <input id="code" inputMode="text" autoComplete="one-time-code" required autoFocus value={code} onChange={(event) => setCode(event.target.value)} />
            <button type="submit" className="primary" disabled={busy || !code.trim()}>
              Se connecter
            </button>
            <button type="button" className="link" onClick={() => setLogin(null)}>
              Recommencer
            </button>
          </form>
        )}
        <ErrorBox message={error} />
      </section>
    </div>
  );
}
