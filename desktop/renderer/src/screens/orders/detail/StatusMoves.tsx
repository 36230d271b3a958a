/** The moves the order may make from its status, as buttons; the engine's refusal is shown if any. */
import { useState } from 'react';
import { useCommand } from '../../../app/data.js';
import { fill, useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { ConfirmButton, ErrorBanner } from '../../../ui/components.js';
import { ORDER_TRANSITIONS, type OrderStatus } from '../../../../../../shared/domain/orderStatus.js';
import { statusLabel } from '../labels.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Avancement', moveTo: 'Passer à « {status} »', cancel: 'Annuler la commande', cancelQuestion: 'Annuler cette commande ?',
    yesCancel: 'Oui, annuler la commande', no: 'Non', reopen: 'Rouvrir en devis', moved: 'Statut changé : « {status} ».',
  },
  en: {
    title: 'Progress', moveTo: 'Move to “{status}”', cancel: 'Cancel the order', cancelQuestion: 'Cancel this order?',
    yesCancel: 'Yes, cancel the order', no: 'No', reopen: 'Reopen as a quote', moved: 'Status changed: “{status}”.',
  },
});

export function StatusMoves({ orderId, status }: { orderId: string; status: OrderStatus }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const change = useCommand('changeOrderStatus');
  const [done, setDone] = useState<string | null>(null);

  async function move(to: OrderStatus) {
    setDone(null);
    if (await change.run({ id: orderId, status: to })) setDone(fill(t.moved, { status: statusLabel(to, locale) }));
  }

  const moves = ORDER_TRANSITIONS[status];
  return (
    <section className="card" aria-labelledby="order-moves-title">
      <h2 id="order-moves-title" style={{ marginTop: 0 }}>{t.title}</h2>
      <div className="row">
        {moves.filter((to) => to !== 'cancelled').map((to) => (
          <button key={to} type="button" className={to === 'delivered' || to === 'ready' ? 'primary' : undefined} disabled={change.busy} onClick={() => void move(to)}>
            {status === 'cancelled' && to === 'quote' ? t.reopen : fill(t.moveTo, { status: statusLabel(to, locale) })}
          </button>
        ))}
        {moves.includes('cancelled') ? (
          <ConfirmButton label={t.cancel} question={t.cancelQuestion} confirm={t.yesCancel} cancel={t.no} onConfirm={() => void move('cancelled')} />
        ) : null}
      </div>
      {done ? <p className="muted" role="status">{done}</p> : null}
      <ErrorBanner error={change.error} />
    </section>
  );
}
