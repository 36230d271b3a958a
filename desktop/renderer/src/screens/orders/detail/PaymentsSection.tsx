/**
 * Payments received (insert-only: a mistake is corrected by a reversal, owner only) and the form to
 * record one, its amount the balance by default.
 */
import { useState, type FormEvent } from 'react';
import { useCommand } from '../../../app/data.js';
import { useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { ConfirmButton, ErrorBanner, Field, Select } from '../../../ui/components.js';
import { dateTime, money } from '../../../ui/format.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import { isPaymentMethod, methodLabel, methodOptions, typedNumber } from '../labels.js';
import type { PaymentMethod } from '../../../../../../shared/domain/payments.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Paiements', none: 'Aucun paiement pour l’instant.', deposit: 'Acompte', instalment: 'Versement', reversal: 'Annulation', reversed: 'annulé',
    reverse: 'Annuler ce paiement', reverseQuestion: 'Annuler ce paiement ? Une écriture d’annulation sera ajoutée.', yes: 'Oui, annuler ce paiement', no: 'Non',
    amount: 'Montant reçu (FCFA)', method: 'Moyen de paiement', record: 'Enregistrer le paiement', recorded: 'Paiement enregistré.', paidUp: 'Commande entièrement payée.',
    list: 'Liste des paiements',
  },
  en: {
    title: 'Payments', none: 'No payment yet.', deposit: 'Deposit', instalment: 'Instalment', reversal: 'Reversal', reversed: 'reversed',
    reverse: 'Reverse this payment', reverseQuestion: 'Reverse this payment? A reversing entry will be added.', yes: 'Yes, reverse this payment', no: 'No',
    amount: 'Amount received (FCFA)', method: 'Payment method', record: 'Record the payment', recorded: 'Payment recorded.', paidUp: 'Order fully paid.',
    list: 'Payments list',
  },
});

function PaymentForm({ orderId, balance, onRecorded }: { orderId: string; balance: number; onRecorded(): void }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const record = useCommand('recordPayment');
  const [amount, setAmount] = useState(balance > 0 ? String(balance) : '');
  const [method, setMethod] = useState<PaymentMethod>('cash');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await record.run({ orderId, amount: typedNumber(amount) ?? Number.NaN, method })) onRecorded();
  }

  return (
    <form className="o-inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t.amount} name="amount" inputMode="numeric" value={amount} error={record.error} onChange={(e) => setAmount(e.target.value)} />
      <Select label={t.method} name="method" options={methodOptions(locale)} value={method} error={record.error} onChange={(e) => { const next = e.target.value; if (isPaymentMethod(next)) setMethod(next); }} />
      <button type="submit" className="primary" disabled={record.busy}>{t.record}</button>
      {record.error && record.error.field !== 'amount' && record.error.field !== 'method' ? <ErrorBanner error={record.error} /> : null}
    </form>
  );
}

export function PaymentsSection({ order, canRecord, canReverse }: { order: OrderDetail; canRecord: boolean; canReverse: boolean }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const reverse = useCommand('reversePayment');
  const [recorded, setRecorded] = useState(false);
  const kindLabel = (kind: string) => (kind === 'deposit' ? t.deposit : kind === 'reversal' ? t.reversal : t.instalment);
  const open = order.status !== 'cancelled';
  return (
    <section className="card" aria-labelledby="order-payments-title">
      <h2 id="order-payments-title" style={{ marginTop: 0 }}>{t.title}</h2>
      {order.payments.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul className="list o-payments" aria-label={t.list}>
          {order.payments.map((p) => (
            <li key={p.id} className={p.reversed ? 'reversed' : undefined} data-testid="payment">
              <div className="spread">
                <span>
                  <strong>{kindLabel(p.kind)}</strong> · {methodLabel(p.method, locale)}
                  {p.reversed ? <> · <span className="badge late">{t.reversed}</span></> : null}
                  <br />
                  <small className="muted">{dateTime(p.paidAt, locale)}{p.note ? ` — ${p.note}` : ''}</small>
                </span>
                <span className="amount">{money(p.amount, locale)}</span>
              </div>
              {canReverse && p.kind !== 'reversal' && !p.reversed ? (
                <ConfirmButton className="danger small" label={t.reverse} question={t.reverseQuestion} confirm={t.yes} cancel={t.no}
                  onConfirm={() => void reverse.run({ paymentId: p.id })} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner error={reverse.error} />
      {recorded ? <p className="muted" role="status">{t.recorded}</p> : null}
      {canRecord && open ? (
        order.balance > 0 ? (
          <PaymentForm key={order.balance} orderId={order.id} balance={order.balance} onRecorded={() => setRecorded(true)} />
        ) : (
          <p className="muted">{t.paidUp}</p>
        )
      ) : null}
    </section>
  );
}
