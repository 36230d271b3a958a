/**
 * One workshop: its account, subscription, use (members, devices, messages, credits), history
 * and payments, and the admin's actions on it — each a small form with its reason; each answers
 * the page's new state.
 */
import { useState, type ReactNode } from 'react';
import type { WorkshopDetail } from '../../../admin/workshops/schemas.js';
import { DEFAULT_PLANS } from '../../../../shared/billing/plans.js';
import { TRIAL_EXTENSION_MAX_DAYS, TRIAL_EXTENSION_MIN_DAYS } from '../../../../shared/admin/subscriptionActions.js';
import { api } from '../api.js';
import { count, date, dateTime, money, phone, statusLabel } from '../format.js';
import { ActionForm, Loading, useLoad } from '../ui.js';
import { translator } from '../i18n.js';
import { WORKSHOP_TEXTS } from '../texts/workshop.js';

const t = translator(WORKSHOP_TEXTS);

const CYCLES: Record<string, string> = { monthly: t('monthly'), yearly: t('yearly') };
const planName = (id: string | null) => (id ? (DEFAULT_PLANS.find((plan) => plan.id === id)?.name ?? id) : '');

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function WorkshopPage({ workshopId }: { workshopId: string }) {
  const path = `/admin/workshops/${encodeURIComponent(workshopId)}`;
  const loaded = useLoad<WorkshopDetail>(path);
  const [days, setDays] = useState('7');
  const [credits, setCredits] = useState('50');
  const [planId, setPlanId] = useState('');

  const [flash, setFlash] = useState<string | null>(null);

  async function act(action: string, body: Record<string, unknown>, done: string) {
    setFlash(null);
    loaded.replace(await api<WorkshopDetail>(`${path}/${action}`, { json: body }));
    setFlash(done);
  }

  const d = loaded.data;
  if (!d) return <Loading loaded={loaded} />;
  const sub = d.subscription;
  const daysNumber = Number(days);
  const creditsNumber = Number(credits);
  return (
    <section>
      <p>
        <a href="#/ateliers">{t('back')}</a>
      </p>
      <h1>{d.workshop.name}</h1>
      <p>
        <span className={`badge status-${sub?.status ?? 'none'}`} data-testid="workshop-status">
          {statusLabel(sub?.status)}
        </span>{' '}
        <a href={`#/ateliers/${encodeURIComponent(workshopId)}/assistance`}>{t('supportView')}</a>
        {' · '}
        <a href={`#/journal?workshop=${encodeURIComponent(workshopId)}`}>{t('auditOf')}</a>
      </p>
      <div className="columns">
        <div className="card">
          <h2>{t('account')}</h2>
          <dl className="facts">
            <Fact label={t('phone')}>{phone(d.workshop.phone)}</Fact>
            <Fact label={t('email')}>{d.workshop.email ?? '—'}</Fact>
            <Fact label={t('city')}>{d.workshop.city ?? '—'}</Fact>
            <Fact label={t('timezone')}>{d.workshop.timezone}</Fact>
            <Fact label={t('created')}>{date(d.workshop.createdAt)}</Fact>
            <Fact label={t('lastSync')}>{dateTime(d.lastSyncAt)}</Fact>
            <Fact label={t('membersDevices')}>
              {count(d.counts.members)} · {count(d.counts.devices)}
            </Fact>
          </dl>
        </div>
        <div className="card">
          <h2>{t('subscription')}</h2>
          {sub ? (
            <dl className="facts">
              <Fact label={t('plan')}>
                {sub.planName}
                {sub.cycle ? ` (${CYCLES[sub.cycle]})` : ''}
              </Fact>
              <Fact label={t('status')}>{statusLabel(sub.status)}</Fact>
              {sub.trialEndsAt && <Fact label={t('trialEnds')}>{date(sub.trialEndsAt)}</Fact>}
              {sub.currentPeriodEnd && <Fact label={t('periodEnds')}>{date(sub.currentPeriodEnd)}</Fact>}
              {sub.graceEndsAt && <Fact label={t('graceEnds')}>{date(sub.graceEndsAt)}</Fact>}
              {sub.pendingPlanId && <Fact label={t('pendingPlan')}>{planName(sub.pendingPlanId)}</Fact>}
            </dl>
          ) : (
            <p className="muted">{t('noSubscription')}</p>
          )}
        </div>
        <div className="card">
          <h2>{t('use')}</h2>
          <dl className="facts">
            <Fact label={t('messages30')}>{t('messages30Value', { sent: count(d.messages.sent30d), failed: count(d.messages.failed30d) })}</Fact>
            <Fact label={t('messagesTotal')}>{count(d.messages.total)}</Fact>
            <Fact label={t('creditsLeft')}>{count(d.credits.balance)}</Fact>
            <Fact label={t('creditsUsed')}>{count(d.credits.used30d)}</Fact>
            <Fact label={t('creditsBoughtGiven')}>
              {count(d.credits.purchased)} · {count(d.credits.granted)}
            </Fact>
          </dl>
        </div>
      </div>

      <h2>{t('actions')}</h2>
      {flash && (
        <p className="success" role="status" data-testid="workshop-flash">
          {flash}
        </p>
      )}
      <div className="actions">
        {sub?.status === 'suspended' ? (
          <ActionForm key="restore" title={t('restoreTitle')} button={t('restore')} onSubmit={(reason) => act('restore', { reason }, t('restored'))} />
        ) : (
          <ActionForm key="suspend" title={t('suspendTitle')} button={t('suspend')} danger confirm={t('suspendConfirm', { name: d.workshop.name })} onSubmit={(reason) => act('suspend', { reason }, t('suspended'))} />
        )}
        <ActionForm title={t('extendTitle')} button={t('extend')} ready={Number.isInteger(daysNumber) && daysNumber >= TRIAL_EXTENSION_MIN_DAYS && daysNumber <= TRIAL_EXTENSION_MAX_DAYS} done={t('extended')} onSubmit={(reason) => act('extend-trial', { reason, days: daysNumber }, t('extended'))}>
          <label htmlFor="days">{t('days')}</label>
          <input id="days" type="number" min={TRIAL_EXTENSION_MIN_DAYS} max={TRIAL_EXTENSION_MAX_DAYS} value={days} onChange={(event) => setDays(event.target.value)} />
        </ActionForm>
        <ActionForm title={t('creditsTitle')} button={t('give')} ready={Number.isInteger(creditsNumber) && creditsNumber >= 1} done={t('given')} onSubmit={(reason) => act('grant-credits', { reason, credits: creditsNumber }, t('given'))}>
          <label htmlFor="credits">{t('credits')}</label>
          <input id="credits" type="number" min={1} value={credits} onChange={(event) => setCredits(event.target.value)} />
        </ActionForm>
        <ActionForm title={t('planTitle')} button={t('change')} danger ready={planId !== ''} confirm={t('planConfirm', { name: d.workshop.name, plan: planName(planId) })} done={t('changed')} onSubmit={(reason) => act('change-plan', { reason, planId }, t('changed'))}>
          <label htmlFor="plan-id">{t('newPlan')}</label>
          <select id="plan-id" value={planId} onChange={(event) => setPlanId(event.target.value)}>
            <option value="">{t('choose')}</option>
            {DEFAULT_PLANS.filter((plan) => plan.id !== sub?.planId).map((plan) => (
              <option key={plan.id} value={plan.id}>
                {t('planOption', { name: plan.name, price: money(plan.monthlyPrice) })}
              </option>
            ))}
          </select>
        </ActionForm>
      </div>

      <div className="columns two">
        <div className="card">
          <h2>{t('history')}</h2>
          {d.history.length === 0 ? (
            <p className="muted">{t('nothingYet')}</p>
          ) : (
            <ul className="history" data-testid="workshop-history">
              {d.history.map((entry, index) => (
                <li key={index}>
                  <span className="muted">{dateTime(entry.at)}</span> <strong>{entry.label}</strong>
                  {entry.amount !== null && ` · ${money(entry.amount)}`}
                  {entry.by && <span className="muted">{t('by', { email: entry.by })}</span>}
                  {entry.reason && <q>{entry.reason}</q>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card">
          <h2>{t('payments')}</h2>
          {d.payments.length === 0 ? (
            <p className="muted">{t('noPayment')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t('colDate')}</th>
                    <th>{t('colReceipt')}</th>
                    <th>{t('colWhat')}</th>
                    <th className="num">{t('colAmount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.payments.map((payment) => (
                    <tr key={payment.receiptNumber}>
                      <td>{date(payment.paidAt)}</td>
                      <td>{t('receipt', { number: payment.receiptNumber })}</td>
                      <td>
                        {payment.planId ? planName(payment.planId) : payment.kind}
                        {payment.method ? ` · ${payment.method}` : ''}
                      </td>
                      <td className="num">{money(payment.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
