/**
 * The owner's choices: the plans (monthly or yearly prices in FCFA) with what each button does
 * for the current subscription (billingRules.ts `planAction`), the credit packs, and the purchase
 * in progress (the payment page opened, then the wait for FedaPay's confirmation). A change at the
 * period's end and a cancellation are confirmed first; a payment is confirmed on FedaPay's page.
 */
import { useEffect, useRef, useState } from 'react';
import { host } from '../../host/host.js';
import { asError } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { ConfirmButton, ErrorBanner } from '../../ui/components.js';
import { intlLocale, money } from '../../ui/format.js';
import type { BillingCycle } from '../../../../../shared/billing/plans.js';
import type { ChannelInput, CheckoutResult, HostErrorShape, PlansView } from '../../../../../shared/host/channels.js';
import type { SubscriptionView } from '../../../../../shared/engine/queries/subscriptionQueries.js';
import { planAction, type CheckoutOutcome } from './billingRules.js';
import { startPayment, waitForPayment } from './paymentPage.js';
import { longDate } from './billingFormat.js';
import { BILLING_TEXTS } from './billingTexts.js';

interface Purchase {
  checkout: CheckoutResult;
  opened: boolean;
  outcome: CheckoutOutcome;
}

export function PlanChooser({ sub, plans, onSettled }: { sub: SubscriptionView | null; plans: PlansView | null; onSettled(): void }) {
  const t = useTexts(BILLING_TEXTS);
  const { locale } = useLocale();
  const [cycle, setCycle] = useState<BillingCycle>(sub?.cycle ?? 'monthly');
  const [purchase, setPurchase] = useState<Purchase | null>(null);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const pay = (body: ChannelInput<'billing.checkout'>) => {
    setError(null);
    setNote(null);
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    // Synchronous in the click: the browser's tab opens now (see paymentPage.ts).
    startPayment(body)
      .then(async ({ checkout, opened }) => {
        setPurchase({ checkout, opened, outcome: 'waiting' });
        const outcome = await waitForPayment(checkout.checkoutId, controller.signal);
        if (controller.signal.aborted) return;
        setPurchase({ checkout, opened, outcome });
        onSettled();
      })
      .catch((e: unknown) => setError(asError(e)));
  };
  const change = (run: () => Promise<unknown>) => {
    setError(null);
    setNote(null);
    run()
      .then(() => {
        setNote(t.changed);
        onSettled();
      })
      .catch((e: unknown) => setError(asError(e)));
  };

  const count = (n: number) => new Intl.NumberFormat(intlLocale(locale)).format(n);
  const current = plans?.plans.find((p) => p.id === sub?.planId);
  const endsAt = sub?.currentPeriodEnd ?? sub?.trialEndsAt ?? null;
  const periodEnd = endsAt ? longDate(endsAt, locale) : '';
  return (
    <>
      <section className="card" aria-labelledby="billing-plans" data-testid="billing-plans">
        <div className="spread">
          <h2 id="billing-plans" style={{ marginTop: 0 }}>{t.plans}</h2>
          <div role="radiogroup" aria-label={t.cycle} className="billing-cycle">
            {(['monthly', 'yearly'] as const).map((c) => (
              <label key={c}>
                <input type="radio" name="billing-cycle" checked={cycle === c} onChange={() => setCycle(c)} /> {c === 'monthly' ? t.monthly : t.yearly}
              </label>
            ))}
          </div>
        </div>
        <ErrorBanner error={error} />
        {note ? <p role="status">{note}</p> : null}
        {purchase ? <PurchaseState purchase={purchase} /> : null}
        <ul className="billing-plans">
          {(plans?.plans ?? []).map((plan) => {
            const action = planAction(sub, plan, current, cycle);
            const price = cycle === 'yearly' ? fill(t.perYear, { price: money(plan.yearlyPrice, locale) }) : fill(t.perMonth, { price: money(plan.monthlyPrice, locale) });
            return (
              <li key={plan.id} className={`card billing-plan${plan.id === sub?.planId ? ' current' : ''}`} data-testid="plan" data-plan-id={plan.id}>
                <h3>
                  {plan.name} {plan.id === sub?.planId ? <span className="badge">{t.currentBadge}</span> : null}
                </h3>
                {plan.monthlyPrice > 0 ? <p className="billing-price">{price}</p> : null}
                <p className="muted">
                  {fill(t.limitsLine, { members: plan.limits.members === 1 ? t.memberOne : fill(t.memberMany, { n: plan.limits.members }), photos: count(plan.limits.portfolioPhotos), credits: count(plan.limits.monthlyCredits) })}
                  {plan.limits.directory ? ` · ${t.withDirectory}` : ''}
                </p>
                {action === 'subscribe' ? <button type="button" className="primary" onClick={() => pay({ planId: plan.id, cycle })}>{fill(t.subscribe, { plan: plan.name })}</button> : null}
                {action === 'renew' ? <button type="button" onClick={() => pay({ planId: plan.id, cycle })}>{t.renew}</button> : null}
                {action === 'upgrade' ? <button type="button" className="primary" onClick={() => pay({ planId: plan.id, cycle })}>{fill(t.upgrade, { plan: plan.name })}</button> : null}
                {action === 'downgrade' ? (
                  <ConfirmButton
                    className=""
                    label={t.downgrade}
                    question={fill(t.downgradeQuestion, { plan: plan.name, date: periodEnd })}
                    confirm={t.confirm}
                    cancel={t.back}
                    onConfirm={() => change(() => host.invoke('billing.change', { planId: plan.id, cycle }))}
                  />
                ) : null}
                {action === 'cancel' ? (
                  <ConfirmButton
                    label={t.cancel}
                    question={fill(t.cancelQuestion, { date: periodEnd })}
                    confirm={t.confirm}
                    cancel={t.back}
                    onConfirm={() => change(() => host.invoke('billing.cancel', {}))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
        {sub?.pendingPlanId ? (
          <button type="button" className="small" onClick={() => change(() => host.invoke('billing.undoChange', {}))}>
            {t.undo}
          </button>
        ) : null}
      </section>
      <section className="card" aria-labelledby="billing-packs" data-testid="billing-packs">
        <h2 id="billing-packs" style={{ marginTop: 0 }}>{t.packs}</h2>
        <ul className="list">
          {(plans?.packs ?? []).map((pack) => (
            <li key={pack.id} className="spread" data-testid="pack" data-pack-id={pack.id}>
              <span>{fill(t.packLine, { credits: count(pack.credits), price: money(pack.price, locale) })}</span>
              <button type="button" className="small" onClick={() => pay({ packId: pack.id })}>
                {t.buy}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function PurchaseState({ purchase }: { purchase: Purchase }) {
  const t = useTexts(BILLING_TEXTS);
  const { locale } = useLocale();
  const { checkout, opened, outcome } = purchase;
  return (
    <div className={`billing-purchase ${outcome}`} role="status" data-testid="purchase" data-outcome={outcome}>
      <p>{fill(t.amountToPay, { amount: money(checkout.amount, locale) })}</p>
      {outcome === 'waiting' ? (
        <>
          <p>{opened ? t.paying : null}</p>
          <p>
            <a href={checkout.url} target="_blank" rel="noopener noreferrer">{t.payingLink}</a>
          </p>
          <p className="muted" aria-busy="true">{t.waiting}</p>
        </>
      ) : outcome === 'paid' ? (
        <p><strong>{t.paid}</strong></p>
      ) : (
        <p className="msg-warn">{t.failed}</p>
      )}
    </div>
  );
}
