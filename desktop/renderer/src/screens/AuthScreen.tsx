/** Sign up (a new workshop), log in, or join a workshop with an invitation code. */
import { useEffect, useState, type FormEvent } from 'react';
import { host } from '../host/host.js';
import { asError } from '../app/data.js';
import { useSession } from '../app/session.js';
import { otherLocale, useTexts, useLocale } from '../app/locale.js';
import { defineTexts } from '../../../../shared/i18n/texts.js';
import { navigate } from '../app/router.js';
import { ErrorBanner, Field, ProgressBar } from '../ui/components.js';
import type { HostErrorShape } from '../../../../shared/host/channels.js';

const TEXTS = defineTexts({
  fr: {
    brand: 'Styliste',
    login: 'Se connecter',
    signup: 'Créer mon atelier',
    invite: 'J’ai un code d’invitation',
    identifier: 'Téléphone ou e-mail',
    password: 'Mot de passe',
    passwordHint: '8 caractères au moins',
    workshopName: 'Nom de l’atelier',
    ownerName: 'Votre nom',
    phone: 'Téléphone',
    phoneHint: 'Ex. 01 97 00 00 00',
    email: 'E-mail (facultatif)',
    code: 'Code d’invitation (6 chiffres)',
    name: 'Votre nom',
    working: 'Un instant…',
    firstSync: 'Chargement de l’atelier',
    tagline: 'Clients, mesures, commandes et paiements de votre atelier — même sans Internet.',
    locked: 'Accès retiré.',
    english: 'English',
  },
  en: {
    brand: 'Styliste',
    login: 'Log in',
    signup: 'Create my workshop',
    invite: 'I have an invitation code',
    identifier: 'Phone or email',
    password: 'Password',
    passwordHint: 'At least 8 characters',
    workshopName: 'Workshop name',
    ownerName: 'Your name',
    phone: 'Phone',
    phoneHint: 'E.g. 01 97 00 00 00',
    email: 'Email (optional)',
    code: 'Invitation code (6 digits)',
    name: 'Your name',
    working: 'One moment…',
    firstSync: 'Loading the workshop',
    tagline: 'Clients, measurements, orders and payments of your workshop — even offline.',
    locked: 'Access removed.',
    english: 'Français',
  },
});

type Mode = 'login' | 'signup' | 'invite';

export function AuthScreen() {
  const t = useTexts(TEXTS);
  const { locale, setLocale } = useLocale();
  const { setSession, lockedReason } = useSession();
  const [mode, setMode] = useState<Mode>('login');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  useEffect(() => host.subscribe((e) => e.type === 'progress' && setProgress(e.fraction)), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setBusy(true);
    setError(null);
    try {
      const session =
        mode === 'login'
          ? await host.invoke('session.login', { identifier: form.identifier ?? '', password: form.password ?? '' })
          : mode === 'signup'
            ? await host.invoke('session.signup', {
                workshopName: form.workshopName ?? '',
                ownerName: form.ownerName ?? '',
                phone: form.phone ?? '',
                password: form.password ?? '',
                ...(form.email ? { email: form.email } : {}),
              })
            : await host.invoke('session.acceptInvite', { code: form.code ?? '', phone: form.phone ?? '', password: form.password ?? '', ...(form.name ? { name: form.name } : {}) });
      setSession(session);
      navigate(mode === 'signup' ? 'setup' : 'today');
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  return (
    <main className="auth">
      <div className="auth-card">
        <img src="./icon-192.png" alt="" width={64} height={64} />
        <h1>{t.brand}</h1>
        <p className="muted">{t.tagline}</p>
        {lockedReason ? <p className="error-banner" role="alert"><strong>{t.locked}</strong> {lockedReason}</p> : null}
        <nav className="tabs" role="tablist">
          {(['login', 'signup', 'invite'] as const).map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'active' : ''} onClick={() => { setMode(m); setError(null); }}>
              {t[m]}
            </button>
          ))}
        </nav>
        <form onSubmit={submit} noValidate>
          {mode === 'login' ? (
            <>
              <Field label={t.identifier} name="identifier" autoComplete="username" required error={error} />
              <Field label={t.password} name="password" type="password" autoComplete="current-password" required error={error} />
            </>
          ) : mode === 'signup' ? (
            <>
              <Field label={t.workshopName} name="workshopName" required error={error} />
              <Field label={t.ownerName} name="ownerName" autoComplete="name" required error={error} />
              <Field label={t.phone} name="phone" type="tel" autoComplete="tel" hint={t.phoneHint} required error={error} />
              <Field label={t.email} name="email" type="email" autoComplete="email" error={error} />
              <Field label={t.password} name="password" type="password" autoComplete="new-password" hint={t.passwordHint} required error={error} />
            </>
          ) : (
            <>
              <Field label={t.code} name="code" inputMode="numeric" pattern="\d{6}" required error={error} />
              <Field label={t.phone} name="phone" type="tel" autoComplete="tel" hint={t.phoneHint} required error={error} />
              <Field label={t.name} name="name" autoComplete="name" error={error} />
              <Field label={t.password} name="password" type="password" autoComplete="new-password" hint={t.passwordHint} required error={error} />
            </>
          )}
          <ErrorBanner error={error && !error.field ? error : null} />
          {busy && progress !== undefined ? <ProgressBar fraction={progress} label={t.firstSync} /> : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.working : t[mode]}
          </button>
        </form>
        <button type="button" className="link" onClick={() => setLocale(otherLocale(locale))}>
          {t.english}
        </button>
      </div>
    </main>
  );
}
