/**
 * Sign-in: e-mail and password, then the code (six digits from the authenticator, or a recovery
 * code). At the first sign-in: the QR code and the secret to type by hand, then the ten recovery
 * codes, shown once.
 */
import { useState, type FormEvent } from 'react';
import type { AdminSession } from '../../../admin/schemas.js';
import { api, ApiError } from '../api.js';
import { ErrorBox, messageOf } from '../ui.js';
import { translator } from '../i18n.js';
import { SIGN_IN_TEXTS } from '../texts/signIn.js';

const t = translator(SIGN_IN_TEXTS);

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
          <h1 id="codes-title">{t('codesTitle')}</h1>
          <p>
            {t('codesHelp')} <strong>{t('codesOnce')}</strong>
          </p>
          <ol className="recovery" data-testid="recovery-codes">
            {signed.recoveryCodes!.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ol>
          <button type="button" className="primary" onClick={() => onSignedIn(signed)}>
            {t('codesNoted')}
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
        <h1>{t('title')}</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {!login ? (
          <form onSubmit={sendPassword}>
            <label htmlFor="email">{t('email')}</label>
            <input id="email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
            <label htmlFor="password">{t('password')}</label>
            <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
            <button type="submit" className="primary" disabled={busy || !email || !password}>
              {t('next')}
            </button>
          </form>
        ) : (
          <form onSubmit={sendCode}>
            {enrolling ? (
              <>
                <h2>{t('enrolTitle')}</h2>
                <p>{t('enrolHelp')}</p>
                {login.enrollQrSvg && <img className="qr" alt={t('qrAlt')} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(login.enrollQrSvg)}`} />}
                <p>
                  {t('secretByHand')} <code className="secret" data-testid="totp-secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </p>
              </>
            ) : (
              <p>{t('codeHelp')}</p>
            )}
            <label htmlFor="code">{t('code')}</label>
            <input id="code" inputMode="text" autoComplete="one-time-code" required autoFocus value={code} onChange={(event) => setCode(event.target.value)} />
            <button type="submit" className="primary" disabled={busy || !code.trim()}>
              {t('signIn')}
            </button>
            <button type="button" className="link" onClick={() => setLogin(null)}>
              {t('restart')}
            </button>
          </form>
        )}
        <ErrorBox message={error} />
      </section>
    </div>
  );
}
