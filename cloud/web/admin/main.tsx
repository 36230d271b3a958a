/**
 * The admin portal's shell: the session (read again after a reload from GET /api/admin/session,
 * its CSRF token kept in memory only), the hash routes, and the top bar. A lost session brings the
 * sign-in page back with « Votre session a expiré ».
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AdminSession } from '../../admin/schemas.js';
import { api, onSessionExpired, setCsrfToken } from './api.js';
import { SignIn } from './pages/SignIn.js';
import { Dashboard } from './pages/Dashboard.js';
import { Workshops } from './pages/Workshops.js';
import { WorkshopPage } from './pages/WorkshopPage.js';
import { Moderation } from './pages/Moderation.js';
import { Audit } from './pages/Audit.js';
import { Admins } from './pages/Admins.js';
import { Support } from './pages/Support.js';
import { Invitation } from './pages/Invitation.js';
import { translator } from './i18n.js';
import { COMMON_TEXTS } from './texts/common.js';
import './styles.css';

const t = translator(COMMON_TEXTS);

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

type Signed = Pick<AdminSession, 'admin' | 'csrfToken' | 'expiresAt'>;

function App() {
  const hash = useHash();
  const [session, setSession] = useState<Signed | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    onSessionExpired(() => {
      setCsrfToken(null);
      setSession(null);
      setNotice(t('sessionExpired'));
    });
    api<AdminSession>('/admin/session', { quiet401: true })
      .then((answer) => {
        setCsrfToken(answer.csrfToken);
        setSession(answer);
      })
      .catch(() => setSession(null));
  }, []);

  const path = hash.replace(/^#/, '') || '/';
  const invitation = /^\/invitation\/([^/?]+)$/.exec(path);
  if (invitation) return <Invitation token={decodeURIComponent(invitation[1]!)} />;
  if (session === undefined) return <p className="boot">{t('booting')}</p>;
  if (session === null)
    return (
      <SignIn
        notice={notice}
        onSignedIn={(answer) => {
          setCsrfToken(answer.csrfToken);
          setNotice(null);
          setSession(answer);
        }}
      />
    );

  async function signOut() {
    await api('/admin/logout', { method: 'POST', json: {} }).catch(() => undefined);
    setCsrfToken(null);
    setNotice(t('signedOut'));
    setSession(null);
    window.location.hash = '#/';
  }

  const superadmin = session.admin.role === 'superadmin';
  return (
    <>
      <TopBar path={path} name={session.admin.name} role={session.admin.role} superadmin={superadmin} onSignOut={signOut} />
      <main>{page(path, superadmin, session.admin.id)}</main>
    </>
  );
}

function page(path: string, superadmin: boolean, selfId: string) {
  const [route = '/', search = ''] = path.split('?');
  const params = new URLSearchParams(search);
  let match: RegExpExecArray | null;
  if ((match = /^\/ateliers\/([^/]+)\/assistance$/.exec(route))) return <Support workshopId={match[1]!} />;
  if ((match = /^\/ateliers\/([^/]+)$/.exec(route))) return <WorkshopPage key={match[1]} workshopId={match[1]!} />;
  if (route === '/ateliers') return <Workshops params={params} />;
  if (route === '/moderation') return <Moderation />;
  if (route === '/journal') return <Audit params={params} />;
  if (route === '/administrateurs') return superadmin ? <Admins selfId={selfId} /> : <p className="error">{t('superadminOnly')}</p>;
  return <Dashboard />;
}

const LINKS: { href: string; label: string; matches: RegExp; superadmin?: boolean }[] = [
  { href: '#/', label: t('navDashboard'), matches: /^\/$/ },
  { href: '#/ateliers', label: t('navWorkshops'), matches: /^\/ateliers/ },
  { href: '#/moderation', label: t('navModeration'), matches: /^\/moderation/ },
  { href: '#/journal', label: t('navAudit'), matches: /^\/journal/ },
  { href: '#/administrateurs', label: t('navAdmins'), matches: /^\/administrateurs/, superadmin: true },
];

function TopBar({ path, name, role, superadmin, onSignOut }: { path: string; name: string; role: string; superadmin: boolean; onSignOut(): void }) {
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        Styliste <span>{t('brandSuffix')}</span>
      </a>
      <nav aria-label={t('navLabel')}>
        {LINKS.filter((link) => !link.superadmin || superadmin).map((link) => (
          <a key={link.href} href={link.href} aria-current={link.matches.test(path.split('?')[0]!) ? 'page' : undefined}>
            {link.label}
          </a>
        ))}
      </nav>
      <div className="who">
        <span title={role === 'superadmin' ? t('roleSuperadmin') : t('roleSupport')}>{name}</span>
        <button type="button" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </div>
    </header>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
