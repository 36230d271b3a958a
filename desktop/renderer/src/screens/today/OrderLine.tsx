/** One order in a list: number (link), client, garment, promised date, balance, status. */
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { day, money } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { statusLabel } from '../orders/labels.js';
import { href } from '../../app/router.js';
import { useQuery } from '../../app/data.js';
import { ACTIVE_STATUSES } from '../../../../../shared/domain/orderStatus.js';
import { diffDays } from '../../../../../shared/domain/calendar.js';
import type { OrderSummary } from '../../../../../shared/engine/queries/orderRows.js';

const TEXTS = defineTexts({
  fr: {
    promised: 'Promise le {date}', balance: 'Reste à payer', paid: 'Soldée', refund: 'À rembourser', refundAmount: 'À rembourser {amount}',
    lateOne: '1 jour de retard', lateMany: '{n} jours de retard',
    'urgency.urgent': 'Urgent', 'urgency.high': 'Prioritaire',
  },
  en: {
    promised: 'Promised {date}', balance: 'Balance due', paid: 'Paid in full', refund: 'To refund', refundAmount: 'To refund {amount}',
    lateOne: '1 day late', lateMany: '{n} days late',
    'urgency.urgent': 'Urgent', 'urgency.high': 'High priority',
  },
});

/** Garment type names by id, for order lines. */
export function useGarmentNames(): Map<string, string> {
  const garments = useQuery('garmentTypes');
  return useMemo(() => new Map((garments.data ?? []).map((g) => [g.id, g.name])), [garments.data]);
}

export function garmentOf(order: OrderSummary, names: Map<string, string>): string {
  const name = order.garmentTypeId ? names.get(order.garmentTypeId) : undefined;
  return [name, order.description].filter(Boolean).join(' — ');
}

export function OrderLine({ order, garments, today, showClient = true, showStatus = false, tone, children }: {
  order: OrderSummary;
  garments: Map<string, string>;
  /** The workshop's today: when given, work still in hand past its promised date shows how many days late. */
  today?: string;
  showClient?: boolean;
  showStatus?: boolean;
  tone?: 'late' | 'today';
  children?: ReactNode;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const late = today && ACTIVE_STATUSES.includes(order.status) ? diffDays(order.promisedDate, today) : 0;
  const garment = garmentOf(order, garments);
  return (
    <li className={tone ? `is-${tone}` : undefined} data-order-id={order.id}>
      <div>
        <div className="row">
          <a href={href(`orders/${order.id}`)}><strong>{order.number}</strong></a>
          {showStatus ? <span className={`badge ${order.status === 'ready' || order.status === 'delivered' ? 'ok' : ''}`}>{statusLabel(order.status, locale)}</span> : null}
          {order.urgency !== 'normal' ? <span className="badge urgent">{t[`urgency.${order.urgency}`]}</span> : null}
          {late > 0 ? <span className="badge late" data-testid="days-late">{late === 1 ? t.lateOne : fill(t.lateMany, { n: late })}</span> : null}
        </div>
        <div className="meta">
          {[showClient ? order.clientName : '', garment].filter(Boolean).join(' · ')}
        </div>
        <div className="meta">{fill(t.promised, { date: day(order.promisedDate, locale) })}</div>
      </div>
      <div className="side">
        {order.balance > 0 ? (
          <span className="amount due" title={t.balance}>{money(order.balance, locale)}</span>
        ) : order.balance < 0 ? (
          <span className="amount" title={t.refund}>{fill(t.refundAmount, { amount: money(-order.balance, locale) })}</span>
        ) : (
          <span className="badge ok">{t.paid}</span>
        )}
        {children}
      </div>
    </li>
  );
}
