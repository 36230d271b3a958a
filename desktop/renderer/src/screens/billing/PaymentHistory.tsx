/** The payment history (owner): each payment with its receipt, downloaded as a PDF. */
import { useCallback, useEffect, useState } from 'react';
import { host } from '../../host/host.js';
import { asError } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { ErrorBanner } from '../../ui/components.js';
import { money, shortDate } from '../../ui/format.js';
import type { BillingPayment, HostErrorShape } from '../../../../../shared/host/channels.js';
import { downloadReceipt } from './paymentPage.js';
import { BILLING_TEXTS } from './billingTexts.js';

export function PaymentHistory({ version }: { version: number }) {
  const t = useTexts(BILLING_TEXTS);
  const { locale } = useLocale();
  const [payments, setPayments] = useState<BillingPayment[] | null>(null);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const load = useCallback(() => {
    host
      .invoke('billing.payments', {})
      .then((answer) => {
        setPayments(answer.payments);
        setError(null);
      })
      .catch((e: unknown) => setError(asError(e)));
  }, []);
  useEffect(load, [load, version]);
  return (
    <section className="card" aria-labelledby="billing-history" data-testid="billing-history">
      <h2 id="billing-history" style={{ marginTop: 0 }}>{t.history}</h2>
      {error ? <p className="muted">{error.code === 'offline' ? t.historyOffline : error.message}</p> : null}
      {payments && payments.length === 0 ? <p className="muted">{t.noPayments}</p> : null}
      {payments && payments.length > 0 ? (
        <ul className="list">
          {payments.map((p) => (
            <PaymentLine key={p.id} payment={p} label={p.description} when={shortDate(p.paidAt, locale)} amount={money(p.amount, locale)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function PaymentLine({ payment, label, when, amount }: { payment: BillingPayment; label: string; when: string; amount: string }) {
  const t = useTexts(BILLING_TEXTS);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <li className="spread" data-testid="billing-payment" data-payment-id={payment.id}>
      <span>
        <strong>{label}</strong> <span className="muted">· {when} · {fill(t.receipt, { number: payment.receiptNumber })}</span>
        <ErrorBanner error={error} />
      </span>
      <span className="billing-line-end">
        <span className="amount">{amount}</span>
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            downloadReceipt(payment.id)
              .catch((e: unknown) => setError(asError(e)))
              .finally(() => setBusy(false));
          }}
        >
          {t.download}
        </button>
      </span>
    </li>
  );
}
