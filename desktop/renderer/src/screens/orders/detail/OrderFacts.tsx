/** What the order is: client, garment, fabric, dates, and the money (price, paid, balance). */
import { href } from '../../../app/router.js';
import { fill, useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { dateTime, day, decimal, money, phoneDisplay } from '../../../ui/format.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import { isLate, statusLabel, urgencyLabel } from '../labels.js';

const TEXTS = defineTexts({
  fr: {
    number: 'N° de commande', client: 'Client', phone: 'Téléphone', garment: 'Vêtement', description: 'Description', fabric: 'Tissu', fromClient: 'apporté par le client',
    fromWorkshop: 'fourni par l’atelier', pagnes: ', {n} pagne(s)', urgency: 'Urgence', promised: 'Date promise', late: ' (en retard)',
    created: 'Créée le', note: 'Note interne', status: 'Statut', price: 'Prix', paid: 'Payé', balance: 'Reste à payer', refund: 'À rembourser', none: '—',
  },
  en: {
    number: 'Order no.', client: 'Client', phone: 'Phone', garment: 'Garment', description: 'Description', fabric: 'Fabric', fromClient: 'brought by the client',
    fromWorkshop: 'supplied by the workshop', pagnes: ', {n} pagne(s)', urgency: 'Urgency', promised: 'Promised date', late: ' (late)',
    created: 'Created on', note: 'Internal note', status: 'Status', price: 'Price', paid: 'Paid', balance: 'Balance due', refund: 'To refund', none: '—',
  },
});

export function OrderFacts({ order, today, timeZone }: { order: OrderDetail; today: string; timeZone?: string }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const late = isLate(order, today);
  const refund = order.balance < 0;
  const pagnes = order.fabricPagnes ? fill(t.pagnes, { n: decimal(order.fabricPagnes, locale) }) : '';
  return (
    <section className="card" aria-label={t.client}>
      <dl className="o-facts">
        <dt>{t.number}</dt>
        <dd><strong data-testid="order-number">{order.number}</strong></dd>
        <dt>{t.status}</dt>
        <dd><span className={`badge ${order.status === 'ready' || order.status === 'delivered' ? 'ok' : ''}`} data-testid="order-status">{statusLabel(order.status, locale)}</span></dd>
        <dt>{t.client}</dt>
        <dd><a href={href(`clients/${order.clientId}`)}>{order.clientName}</a>{order.clientPhone ? <> · <a href={`tel:${order.clientPhone}`}>{phoneDisplay(order.clientPhone)}</a></> : null}</dd>
        <dt>{t.garment}</dt>
        <dd>{order.garmentTypeName ?? t.none}</dd>
        {order.description ? <><dt>{t.description}</dt><dd>{order.description}</dd></> : null}
        <dt>{t.fabric}</dt>
        <dd>{order.fabricSource === 'workshop' ? t.fromWorkshop : t.fromClient}{pagnes}</dd>
        <dt>{t.urgency}</dt>
        <dd>{order.urgency === 'normal' ? urgencyLabel(order.urgency, locale) : <span className="badge urgent">{urgencyLabel(order.urgency, locale)}</span>}</dd>
        <dt>{t.promised}</dt>
        <dd data-testid="order-promised-date" className={late ? 'amount due' : undefined}>{day(order.promisedDate, locale)}{late ? t.late : ''}</dd>
        <dt>{t.created}</dt>
        <dd>{dateTime(order.createdAt, locale, timeZone)}</dd>
        {order.internalNote ? <><dt>{t.note}</dt><dd>{order.internalNote}</dd></> : null}
      </dl>
      <div className="o-money" style={{ marginTop: '0.75rem' }}>
        <div><span>{t.price}</span><strong className="amount" data-testid="order-price">{money(order.price, locale)}</strong></div>
        <div><span>{t.paid}</span><strong className="amount" data-testid="order-paid">{money(order.paid, locale)}</strong></div>
        <div>
          <span>{refund ? t.refund : t.balance}</span>
          <strong className={`amount${order.balance > 0 ? ' due' : ''}`} data-testid="order-balance">{money(refund ? -order.balance : order.balance, locale)}</strong>
        </div>
      </div>
    </section>
  );
}
