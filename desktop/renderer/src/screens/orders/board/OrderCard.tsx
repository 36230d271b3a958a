/** One order on the board: number, client, garment, promised date (red when late), urgency, balance, quick move. */
import { href } from '../../../app/router.js';
import { fill, useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { day, money } from '../../../ui/format.js';
import type { OrderSummary } from '../../../../../../shared/engine/queries/orderRows.js';
import type { OrderStatus } from '../../../../../../shared/domain/orderStatus.js';
import { forwardMoves, isLate, statusLabel, urgencyLabel } from '../labels.js';

const TEXTS = defineTexts({
  fr: { promised: 'Promise {date}', late: ' (en retard)', balance: 'Reste', paid: 'Payée', moveTo: 'Passer {number} à « {status} »', move: '→ {status}', label: '{number} — {client}' },
  en: { promised: 'Due {date}', late: ' (late)', balance: 'Due', paid: 'Paid', moveTo: 'Move {number} to “{status}”', move: '→ {status}', label: '{number} — {client}' },
});

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
    <li className={`o-card${late ? ' late' : ''}`} data-testid="order-card" aria-label={fill(t.label, { number: order.number, client: order.clientName })}>
      <div className="spread">
        <a className="number" href={href(`orders/${order.id}`)}>{order.number}</a>
        {order.urgency !== 'normal' ? <span className={`badge ${order.urgency === 'urgent' ? 'urgent' : ''}`}>{urgencyLabel(order.urgency, locale)}</span> : null}
      </div>
      <strong>{order.clientName}</strong>
      {garmentName || order.description ? <span className="muted">{[garmentName, order.description].filter(Boolean).join(' — ')}</span> : null}
      <div className="spread">
        <span className={`date${late ? ' late' : ''}`}>
          {fill(t.promised, { date: day(order.promisedDate, locale) })}{late ? t.late : ''}
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
            <button key={to} type="button" className="small" disabled={busy} aria-label={fill(t.moveTo, { number: order.number, status: statusLabel(to, locale) })} onClick={() => onMove(order, to)}>
              {fill(t.move, { status: statusLabel(to, locale) })}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}
