/** The app shell: session gate, navigation, the always-visible sync bar, and the screens. */
import { useEffect } from 'react';
import { useRoute, href, navigate, type Route } from './router.js';
import { useSession } from './session.js';
import { otherLocale, useLocale, useTexts } from './locale.js';
import { defineTexts } from '../../../../shared/i18n/texts.js';
import { can, canManageTeam } from '../../../../shared/domain/roleTable.js';
import { SyncBar } from './SyncBar.js';
import { host } from '../host/host.js';
import { AuthScreen } from '../screens/AuthScreen.js';
import { clientsRoutes } from '../screens/clients/routes.js';
import { ordersRoutes } from '../screens/orders/routes.js';
import { workshopRoutes } from '../screens/workshop/routes.js';
import { messagesRoutes } from '../screens/messages/routes.js';
import { billingRoutes } from '../screens/billing/routes.js';
import { directoryRoutes } from '../screens/directory/routes.js';
import { BillingBanner } from '../screens/billing/BillingBanner.js';
import type { ScreenRoute } from './routeTypes.js';

const TEXTS = defineTexts({
  fr: {
    today: 'Aujourd’hui', clients: 'Clients', orders: 'Commandes', team: 'Équipe', directory: 'Annuaire', billing: 'Abonnement', settings: 'Réglages', logout: 'Se déconnecter', notFound: 'Page introuvable.',
    loading: 'Ouverture de l’atelier…', navigation: 'Navigation', switchLocale: 'EN',
  },
  en: {
    today: 'Today', clients: 'Clients', orders: 'Orders', team: 'Team', directory: 'Directory', billing: 'Subscription', settings: 'Settings', logout: 'Log out', notFound: 'Page not found.',
    loading: 'Opening the workshop…', navigation: 'Navigation', switchLocale: 'FR',
  },
});

const ROUTES: ScreenRoute[] = [...messagesRoutes, ...workshopRoutes, ...clientsRoutes, ...ordersRoutes, ...billingRoutes, ...directoryRoutes];

function screenFor(route: Route) {
  return ROUTES.find((r) => r.match(route))?.render(route);
}

export function App() {
  const t = useTexts(TEXTS);
  const { locale, setLocale } = useLocale();
  const route = useRoute();
  const { session, setSession } = useSession();

  useEffect(() => {
    if (session && route.parts.length === 0) navigate('today');
  }, [session, route.parts.length]);

  if (session === undefined) return <p className="boot">{t.loading}</p>;
  if (session === null) return <AuthScreen />;

  const section = route.parts[0] ?? 'today';
  const nav = [
    { path: 'today', label: t.today },
    { path: 'clients', label: t.clients },
    { path: 'orders', label: t.orders },
    ...(canManageTeam(session.member.role) ? [{ path: 'team', label: t.team }] : []),
    // The public profile and the portfolio are the owner's (the role table: staff and viewers read only).
    ...(can(session.member.role, 'directory_profile', 'update') ? [{ path: 'directory', label: t.directory }] : []),
    { path: 'billing', label: t.billing },
    { path: 'settings', label: t.settings },
  ];
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href('today')}>
          <img src="./icon-192.png" alt="" width={28} height={28} />
          <span>{session.workshop.name}</span>
        </a>
        <nav className="mainnav" aria-label={t.navigation}>
          {nav.map((item) => (
            <a key={item.path} href={href(item.path)} className={section === item.path ? 'active' : ''} aria-current={section === item.path ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
        <div className="topbar-end">
          <button type="button" className="small" onClick={() => setLocale(otherLocale(locale))}>
            {t.switchLocale}
          </button>
          <button
            type="button"
            className="small"
            onClick={() => void host.invoke('session.logout').finally(() => { setSession(null); navigate(''); })}
          >
            {t.logout}
          </button>
        </div>
      </header>
      <SyncBar />
      <BillingBanner />
      <main className="content">{screenFor(route) ?? <p className="empty">{t.notFound}</p>}</main>
    </div>
  );
}
