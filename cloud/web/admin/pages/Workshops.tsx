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
import { translator } from '../i18n.js';
import { WORKSHOPS_TEXTS } from '../texts/workshops.js';

const t = translator(WORKSHOPS_TEXTS);

function go(filters: Record<string, string | number | undefined>) {
  window.location.hash = `#/ateliers${query(filters)}`;
}

export function Workshops({ params }: { params: URLSearchParams }) {
  const q = params.get('q') ?? '';
  const plan = params.get('plan') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [typed, setTyped] = useState(q);
  const pageParam = page > 1 ? page : undefined;
  const loaded = useLoad<WorkshopsResponse>(`/admin/workshops${query({ q, plan, status, page: pageParam })}`);

  function search(event: FormEvent) {
    event.preventDefault();
    go({ q: typed.trim(), plan, status });
  }

  return (
    <section>
      <h1>{t('title')}</h1>
      <form className="filters" role="search" onSubmit={search}>
        <div className="field grow">
          <label htmlFor="q">{t('search')}</label>
          <input id="q" type="search" value={typed} placeholder={t('searchPlaceholder')} onChange={(event) => setTyped(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="plan">{t('plan')}</label>
          <select id="plan" value={plan} onChange={(event) => go({ q, plan: event.target.value, status })}>
            <option value="">{t('allPlans')}</option>
            {DEFAULT_PLANS.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t('status')}</label>
          <select id="status" value={status} onChange={(event) => go({ q, plan, status: event.target.value })}>
            <option value="">{t('allStatuses')}</option>
            {SUBSCRIPTION_STATUSES.map((item) => (
              <option key={item} value={item}>
                {statusLabel(item)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t('search')}
        </button>
      </form>
      <Loading loaded={loaded} />
      {loaded.data && (
        <>
          <p className="muted" data-testid="workshops-total">
            {loaded.data.total === 0 ? t('noMatch') : t('total', { count: count(loaded.data.total) })}
          </p>
          {loaded.data.workshops.length > 0 && (
            <div className="table-wrap">
              <table className="rows">
                <thead>
                  <tr>
                    <th>{t('colWorkshop')}</th>
                    <th>{t('colPhone')}</th>
                    <th>{t('colCity')}</th>
                    <th>{t('colPlan')}</th>
                    <th>{t('colStatus')}</th>
                    <th className="num">{t('colMembers')}</th>
                    <th>{t('colCreated')}</th>
                    <th>{t('colSync')}</th>
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
