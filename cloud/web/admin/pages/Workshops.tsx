/**
 * The workshops: a search (name, phone, city), the plan and status filters, and the list; the
 * filters live in the address (#/ateliers?q=…), so « Précédent » comes back to the same list.
 */
import { useState, type FormEvent } from 'react';
import type { WorkshopsResponse } from '../../../admin/workshops/schemas.js';
import { DEFAULT_PLANS, SUBSCRIPTION_STATUSES } from '../../../../shared/billing/plans.js';
import { query } from '../api.js';
import { count, date, dateTime, phone, statusLabel } from '../format.js';
import { Loading, Pager, useLoad } from '../ui.js';

function go(filters: Record<string, string | number | undefined>) {
  window.location.hash = `#/ateliers${query(filters)}`;
}

export function Workshops({ params }: { params: URLSearchParams }) {
  const q = params.get('q') ?? '';
  const plan = params.get('plan') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [typed, setTyped] = useState(q);
  const loaded = useLoad<WorkshopsResponse>(`/admin/workshops${query({ q, plan, status, page: page > 1 ? page : undefined })}`);

  function search(event: FormEvent) {
    event.preventDefault();
    go({ q: typed.trim(), plan, status });
  }

  return (
    <section>
      <h1>Ateliers</h1>
      <form className="filters" role="search" onSubmit={search}>
        <div className="field grow">
          <label htmlFor="q">Rechercher</label>
          <input id="q" type="search" value={typed} placeholder="Nom, téléphone ou ville" onChange={(event) => setTyped(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="plan">Formule</label>
          <select id="plan" value={plan} onChange={(event) => go({ q, plan: event.target.value, status })}>
            <option value="">Toutes</option>
            {DEFAULT_PLANS.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Statut</label>
          <select id="status" value={status} onChange={(event) => go({ q, plan, status: event.target.value })}>
            <option value="">Tous</option>
            {SUBSCRIPTION_STATUSES.map((item) => (
              <option key={item} value={item}>
                {statusLabel(item)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          Rechercher
        </button>
      </form>
      <Loading loaded={loaded} />
      {loaded.data && (
        <>
          <p className="muted" data-testid="workshops-total">
            {loaded.data.total === 0 ? 'Aucun atelier ne correspond.' : `${count(loaded.data.total)} atelier(s)`}
          </p>
          {loaded.data.workshops.length > 0 && (
            <div className="table-wrap">
              <table className="rows">
                <thead>
                  <tr>
                    <th>Atelier</th>
                    <th>Téléphone</th>
                    <th>Ville</th>
                    <th>Formule</th>
                    <th>Statut</th>
                    <th className="num">Membres</th>
                    <th>Créé le</th>
                    <th>Dernière synchro</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.data.workshops.map((workshop) => (
                    <tr key={workshop.id} data-testid="workshop-row">
                      <td>
                        <a href={`#/ateliers/${encodeURIComponent(workshop.id)}`}>{workshop.name}</a>
                      </td>
                      <td className="nowrap">{phone(workshop.phone)}</td>
                      <td>{workshop.city ?? '—'}</td>
                      <td>{workshop.planName ?? '—'}</td>
                      <td>
                        <span className={`badge status-${workshop.status ?? 'none'}`}>{statusLabel(workshop.status)}</span>
                      </td>
                      <td className="num">{workshop.members}</td>
                      <td>{date(workshop.createdAt)}</td>
                      <td>{dateTime(workshop.lastSyncAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={loaded.data.page} hasMore={loaded.data.hasMore} onPage={(next) => go({ q, plan, status, page: next })} />
        </>
      )}
    </section>
  );
}
