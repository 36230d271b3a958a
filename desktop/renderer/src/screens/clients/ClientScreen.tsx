/**
 * The client card: contact, balance due across orders, the orders, links to measurements and a
 * new order, and the messages (composer, history, "does not want messages").
 */
import { Page, ErrorBanner, Empty, Loading } from '../../ui/components.js';
import { money } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { href } from '../../app/router.js';
import { useQuery } from '../../app/data.js';
import { ClientDetails } from './ClientDetails.js';
import { OrderLine, useGarmentNames } from '../today/OrderLine.js';
import { ClientMessages } from '../messages/ClientMessages.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Client', back: '← Tous les clients', measurements: 'Mesures', newOrder: 'Nouvelle commande', balance: 'Reste à payer',
    balanceHint: 'Total dû sur toutes ses commandes', paid: 'Déjà payé :', orders: 'Commandes ({n})', ordersList: 'Commandes du client',
    noOrders: 'Aucune commande pour ce client. Créez-en une avec « Nouvelle commande » : la date promise sera proposée selon la charge de l’atelier.',
    notFound: 'Ce client n’existe pas ou a été supprimé.',
  },
  en: {
    title: 'Client', back: '← All clients', measurements: 'Measurements', newOrder: 'New order', balance: 'Balance due',
    balanceHint: 'Total owed across all orders', paid: 'Already paid:', orders: 'Orders ({n})', ordersList: 'Client’s orders',
    noOrders: 'No orders for this client yet. Create one with “New order”: the promised date will be suggested from the workshop’s load.',
    notFound: 'This client does not exist or was deleted.',
  },
});

export function ClientScreen({ id }: { id: string }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const card = useQuery('clientCard', { id });
  const garments = useGarmentNames();

  if (!card.data) {
    return (
      <Page title={t.title}>
        <p><a href={href('clients')}>{t.back}</a></p>
        {card.error ? <ErrorBanner error={card.error.code === 'not_found' ? { ...card.error, message: t.notFound } : card.error} /> : <Loading />}
      </Page>
    );
  }
  const { client, orders, balance, totalPaid } = card.data;
  return (
    <Page
      title={client.name}
      actions={
        <>
          <a className="btn-link" href={href(`clients/${client.id}/measurements`)}>{t.measurements}</a>
          {can('orders', 'create') ? <a className="btn-link primary" href={href(`orders/new?client=${client.id}`)}>{t.newOrder}</a> : null}
        </>
      }
    >
      <p><a href={href('clients')}>{t.back}</a></p>
      <div className="grid two">
        <ClientDetails key={client.id} client={client} />
        <section className="card" aria-labelledby="client-balance-title">
          <h2 id="client-balance-title">{t.balance}</h2>
          <p className="balance-box">
            <span className={`amount${balance > 0 ? ' due' : ''}`} data-testid="client-balance">{money(balance, locale)}</span>
          </p>
          <p className="muted">{t.balanceHint}</p>
          <p>{t.paid} <span className="amount" data-testid="client-paid">{money(totalPaid, locale)}</span></p>
        </section>
      </div>
      <section className="card" aria-labelledby="client-orders-title">
        <h2 id="client-orders-title">{fill(t.orders, { n: orders.length })}</h2>
        {orders.length === 0 ? (
          <Empty>{t.noOrders}</Empty>
        ) : (
          <ul className="list order-list" aria-label={t.ordersList} data-testid="client-orders">
            {orders.map((o) => <OrderLine key={o.id} order={o} garments={garments} showClient={false} showStatus />)}
          </ul>
        )}
      </section>
      <ClientMessages client={client} orders={orders} />
    </Page>
  );
}
