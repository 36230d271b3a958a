/**
 * The billing screen: the plan, its status and period, the credits and the use against the limits
 * (the synced subscription row, so offline too; usage and credits when the cloud answers); for the
 * owner the plans, the credit packs and the payment history with receipts; for the staff and the
 * viewers the same state, read-only, and who to ask.
 */
import { useState } from 'react';
import { useQuery } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useRole } from '../../app/session.js';
import { ErrorBanner, Loading, Page } from '../../ui/components.js';
import { dateTime } from '../../ui/format.js';
import type { BillingSubscription } from '../../../../../shared/host/channels.js';
import type { SubscriptionView } from '../../../../../shared/engine/queries/subscriptionQueries.js';
import { FREE_PLAN_ID } from '../../../../../shared/billing/plans.js';
import { canManageBilling, meter } from './billingRules.js';
import { longDate } from './billingFormat.js';
import { useBilling } from './useBilling.js';
import { PlanChooser } from './PlanChooser.js';
import { PaymentHistory } from './PaymentHistory.js';
import { BILLING_TEXTS, type BillingText } from './billingTexts.js';
import './billing.css';

export function BillingScreen() {
  const t = useTexts(BILLING_TEXTS);
  const owner = canManageBilling(useRole());
  const row = useQuery('subscription');
  const billing = useBilling();
  const [version, setVersion] = useState(0);
  if (row.loading && row.data === undefined) return <Page title={t.title}><Loading /></Page>;
  const sub = row.data ?? null;
  return (
    <Page title={t.title}>
      <ErrorBanner error={row.error ?? billing.error} />
      {sub ? <CurrentPlan sub={sub} live={billing.live} planName={(id) => billing.plans?.plans.find((p) => p.id === id)?.name ?? id} /> : <p className="muted" data-testid="billing-unknown">{t.unknown}</p>}
      {owner ? (
        <>
          <PlanChooser
            sub={sub}
            plans={billing.plans}
            onSettled={() => {
              billing.reload();
              setVersion((v) => v + 1);
            }}
          />
          <PaymentHistory version={version} />
        </>
      ) : (
        <p className="card" data-testid="billing-ask-owner">{t.askOwner}</p>
      )}
    </Page>
  );
}

function CurrentPlan({ sub, live, planName }: { sub: SubscriptionView; live: BillingSubscription | null; planName(id: string): string }) {
  const t = useTexts(BILLING_TEXTS);
  const { locale } = useLocale();
  const status = t[`status.${sub.status}` as BillingText];
  const cycle = sub.cycle === 'yearly' ? t.yearlyCycle : sub.cycle === 'monthly' ? t.monthlyCycle : null;
  const limits = live?.limits ?? sub.limits;
  const changeAt = sub.currentPeriodEnd ?? sub.trialEndsAt;
  return (
    <section className="card" aria-labelledby="billing-current" data-testid="billing-current" data-status={sub.status} data-plan-id={sub.planId}>
      <h2 id="billing-current" style={{ marginTop: 0 }}>
        {t.current} : {sub.planName} {cycle ? <span className="muted">({cycle})</span> : null}
      </h2>
      <p>
        {t.status} : <strong data-testid="billing-status">{status}</strong>
      </p>
      {sub.status === 'trial' && sub.trialEndsAt ? <p>{fill(t.trialEnds, { date: longDate(sub.trialEndsAt, locale) })}</p> : null}
      {sub.currentPeriodEnd && sub.status !== 'trial' ? <p>{fill(t.periodEnds, { date: longDate(sub.currentPeriodEnd, locale) })}</p> : null}
      {sub.status === 'past_due' && sub.graceEndsAt ? <p className="msg-warn">{fill(t.graceEnds, { date: longDate(sub.graceEndsAt, locale) })}</p> : null}
      {sub.pendingPlanId && changeAt ? (
        <p data-testid="billing-pending" data-plan-id={sub.pendingPlanId}>
          {sub.pendingPlanId === FREE_PLAN_ID ? fill(t.pendingFree, { date: longDate(changeAt, locale) }) : fill(t.pending, { plan: planName(sub.pendingPlanId), date: longDate(changeAt, locale) })}
        </p>
      ) : null}
      {live ? <p data-testid="billing-credits">{fill(t.credits, { n: live.credits })}</p> : <p className="muted">{fill(t.offline, { when: dateTime(sub.updatedAt, locale) })}</p>}
      <h3>{t.usage}</h3>
      <ul className="list billing-usage">
        <Usage label={t.members} used={live?.usage.members} allowed={limits.members} />
        <Usage label={t.portfolioPhotos} used={live?.usage.portfolioPhotos} allowed={limits.portfolioPhotos} />
        <li className="spread">
          <span>{t.monthlyCredits}</span>
          <span>{limits.monthlyCredits}</span>
        </li>
        <li className="spread">
          <span>{t.directory}</span>
          <span>{limits.directory ? t.included : t.notIncluded}</span>
        </li>
      </ul>
    </section>
  );
}

function Usage({ label, used, allowed }: { label: string; used: number | undefined; allowed: number }) {
  const t = useTexts(BILLING_TEXTS);
  if (used === undefined) {
    return (
      <li className="spread">
        <span>{label}</span>
        <span>{allowed}</span>
      </li>
    );
  }
  const { fraction, over } = meter(used, allowed);
  return (
    <li className={`spread${over ? ' over' : ''}`} data-testid="usage">
      <span>{label}</span>
      <span className="billing-meter">
        <span className="billing-meter-bar" aria-hidden="true"><span style={{ width: `${Math.round(fraction * 100)}%` }} /></span>
        {fill(t.ofLimit, { used, allowed })}
      </span>
    </li>
  );
}
