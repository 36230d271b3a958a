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

const CYCLES: Record<string, string> = { monthly: 'mensuel', yearly: 'annuel' };

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
        <a href="#/ateliers">← Ateliers</a>
      </p>
      <h1>{d.workshop.name}</h1>
      <p>
        <span className={`badge status-${sub?.status ?? 'none'}`} data-testid="workshop-status">
          {statusLabel(sub?.status)}
        </span>{' '}
        <a href={`#/ateliers/${encodeURIComponent(workshopId)}/assistance`}>Vue d’assistance</a>
      </p>
      <div className="columns">
        <div className="card">
          <h2>Atelier</h2>
          <dl className="facts">
            <Fact label="Téléphone">{phone(d.workshop.phone)}</Fact>
            <Fact label="E-mail du propriétaire">{d.workshop.email ?? '—'}</Fact>
            <Fact label="Ville">{d.workshop.city ?? '—'}</Fact>
            <Fact label="Fuseau horaire">{d.workshop.timezone}</Fact>
            <Fact label="Créé le">{date(d.workshop.createdAt)}</Fact>
            <Fact label="Dernière synchro">{dateTime(d.lastSyncAt)}</Fact>
            <Fact label="Membres · appareils">
              {count(d.counts.members)} · {count(d.counts.devices)}
            </Fact>
          </dl>
        </div>
        <div className="card">
          <h2>Abonnement</h2>
          {sub ? (
            <dl className="facts">
              <Fact label="Formule">
                {sub.planName}
                {sub.cycle ? ` (${CYCLES[sub.cycle]})` : ''}
              </Fact>
              <Fact label="Statut">{statusLabel(sub.status)}</Fact>
              {sub.trialEndsAt && <Fact label="Fin de l’essai">{date(sub.trialEndsAt)}</Fact>}
              {sub.currentPeriodEnd && <Fact label="Fin de la période payée">{date(sub.currentPeriodEnd)}</Fact>}
              {sub.graceEndsAt && <Fact label="Fin du délai de grâce">{date(sub.graceEndsAt)}</Fact>}
              {sub.pendingPlanId && <Fact label="Changement prévu">{DEFAULT_PLANS.find((p) => p.id === sub.pendingPlanId)?.name ?? sub.pendingPlanId}</Fact>}
            </dl>
          ) : (
            <p className="muted">Aucun abonnement.</p>
          )}
        </div>
        <div className="card">
          <h2>Usage</h2>
          <dl className="facts">
            <Fact label="Messages (30 jours)">
              {count(d.messages.sent30d)} envoyés · {count(d.messages.failed30d)} en échec
            </Fact>
            <Fact label="Messages (total)">{count(d.messages.total)}</Fact>
            <Fact label="Crédits SMS restants">{count(d.credits.balance)}</Fact>
            <Fact label="Crédits utilisés (30 jours)">{count(d.credits.used30d)}</Fact>
            <Fact label="Crédits achetés · offerts">
              {count(d.credits.purchased)} · {count(d.credits.granted)}
            </Fact>
          </dl>
        </div>
      </div>

      <h2>Actions</h2>
      {flash && (
        <p className="success" role="status" data-testid="workshop-flash">
          {flash}
        </p>
      )}
      <div className="actions">
        {sub?.status === 'suspended' ? (
          <ActionForm key="restore" title="Rétablir l’atelier" button="Rétablir" done="Atelier rétabli." onSubmit={(reason) => act('restore', { reason }, 'Atelier rétabli : ses appareils le verront à leur prochaine synchronisation.')} />
        ) : (
          <ActionForm key="suspend" title="Suspendre l’atelier" button="Suspendre" danger confirm={`Suspendre « ${d.workshop.name} » ? Ses appareils afficheront la suspension à leur prochaine synchronisation ; rien n’est effacé.`} done="Atelier suspendu." onSubmit={(reason) => act('suspend', { reason }, 'Atelier suspendu : ses appareils le verront à leur prochaine synchronisation.')} />
        )}
        <ActionForm title="Prolonger l’essai" button="Prolonger" ready={Number.isInteger(daysNumber) && daysNumber >= TRIAL_EXTENSION_MIN_DAYS && daysNumber <= TRIAL_EXTENSION_MAX_DAYS} done="Essai prolongé." onSubmit={(reason) => act('extend-trial', { reason, days: daysNumber }, 'Essai prolongé.')}>
          <label htmlFor="days">Jours à ajouter</label>
          <input id="days" type="number" min={TRIAL_EXTENSION_MIN_DAYS} max={TRIAL_EXTENSION_MAX_DAYS} value={days} onChange={(event) => setDays(event.target.value)} />
        </ActionForm>
        <ActionForm title="Offrir des crédits SMS" button="Offrir" ready={Number.isInteger(creditsNumber) && creditsNumber >= 1} done="Crédits offerts." onSubmit={(reason) => act('grant-credits', { reason, credits: creditsNumber }, 'Crédits offerts.')}>
          <label htmlFor="credits">Crédits</label>
          <input id="credits" type="number" min={1} value={credits} onChange={(event) => setCredits(event.target.value)} />
        </ActionForm>
        <ActionForm title="Changer de formule" button="Changer" danger ready={planId !== ''} confirm={`Passer « ${d.workshop.name} » à la formule ${DEFAULT_PLANS.find((p) => p.id === planId)?.name ?? ''} ?`} done="Formule changée." onSubmit={(reason) => act('change-plan', { reason, planId }, 'Formule changée.')}>
          <label htmlFor="plan-id">Nouvelle formule</label>
          <select id="plan-id" value={planId} onChange={(event) => setPlanId(event.target.value)}>
            <option value="">Choisir…</option>
            {DEFAULT_PLANS.filter((plan) => plan.id !== sub?.planId).map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name} ({money(plan.monthlyPrice)} / mois)
              </option>
            ))}
          </select>
        </ActionForm>
      </div>

      <div className="columns two">
        <div className="card">
          <h2>Historique</h2>
          {d.history.length === 0 ? (
            <p className="muted">Rien pour l’instant.</p>
          ) : (
            <ul className="history" data-testid="workshop-history">
              {d.history.map((entry, index) => (
                <li key={index}>
                  <span className="muted">{dateTime(entry.at)}</span> <strong>{entry.label}</strong>
                  {entry.amount !== null && ` · ${money(entry.amount)}`}
                  {entry.by && <span className="muted"> · par {entry.by}</span>}
                  {entry.reason && <q>{entry.reason}</q>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card">
          <h2>Paiements</h2>
          {d.payments.length === 0 ? (
            <p className="muted">Aucun paiement.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Reçu</th>
                    <th>Objet</th>
                    <th className="num">Montant</th>
                  </tr>
                </thead>
                <tbody>
                  {d.payments.map((payment) => (
                    <tr key={payment.receiptNumber}>
                      <td>{date(payment.paidAt)}</td>
                      <td>n° {payment.receiptNumber}</td>
                      <td>
                        {payment.planId ? (DEFAULT_PLANS.find((p) => p.id === payment.planId)?.name ?? payment.planId) : payment.kind}
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
