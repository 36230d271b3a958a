/** One order on the board: number, client, garment, promised date (red when late), urgency, balance, quick move. */
import { href } from '../../../app/router.js';
import { useLocale, useTexts } from '../../../app/locale.js';
import { day, money } from '../../../ui/format.js';
import type { OrderSummary } from '../../../../../../shared/engine/queries/orderRows.js';
import type { OrderStatus } from '../../../../../../shared/domain/orderStatus.js';
import { forwardMoves, isLate, statusLabel, urgencyLabel } from '../labels.js';

const TEXTS = {
  fr: { promised: 'Promise', late: 'en retard', balance: 'Reste', paid: 'Payée', moveTo: (n: string, s: string) => `Passer ${n} à « ${s} »` },
  en: { promised: 'Due', late: 'late', balance: 'Due', paid: 'Paid', moveTo: (n: string, s: string) => `Move ${n} to “${s}”` },
};

export function OrderCard({ order, garmentName, today, canEdit, busy, onMove }: {
  order: OrderSummary;
  garmentName: string | null;
  today: string;
  canEdit: boolean;
  busy: boolean;
  onMove(order: OrderSummary, to: OrderStatus): void;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const late = isLate(order, today);
  const moves = canEdit ? forwardMoves(order.status) : [];
  return (
    <li className={`o-card${late ? ' late' : ''}`} data-testid="order-card" aria-label={`${order.number} — ${order.clientName}`}>
      <div className="spread">
        <a className="number" href={href(`orders/${order.id}`)}>{order.number}</a>
        {order.urgency !== 'normal' ? <span className={`badge ${order.urgency === 'urgent' ? 'urgent' : ''}`}>{urgencyLabel(order.urgency, locale)}</span> : null}
      </div>
      <strong>{order.clientName}</strong>
      {garmentName || order.description ? <span className="muted">{[garmentName, order.description].filter(Boolean).join(' — ')}</span> : null}
      <div className="spread">
        <span className={`date${late ? ' late' : ''}`}>
          {t.promised} {day(order.promisedDate, locale)}{late ? ` (${t.late})` : ''}
        </span>
        {order.balance > 0 ? (
          <span className="amount due" title={t.balance}>{money(order.balance, locale)}</span>
        ) : (
          <span className="badge ok">{t.paid}</span>
        )}
      </div>
      {moves.length > 0 ? (
        <div className="moves">
          {moves.map((to) => (
            <button key={to} type="button" className="small" disabled={busy} aria-label={t.moveTo(order.number, statusLabel(to, locale))} onClick={() => onMove(order, to)}>
              → {statusLabel(to, locale)}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}
