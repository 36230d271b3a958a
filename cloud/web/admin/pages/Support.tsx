/**
 * A workshop's support view, read-only, only while the owner allows it: clients (with their
 * latest measurements), orders and messages. Each page read is written to the audit log.
 */
import { useState, type FormEvent } from 'react';
import type { SupportClientsResponse, SupportGrantResponse, SupportMessagesResponse, SupportOrdersResponse, SupportPageName } from '../../../admin/support/schemas.js';
import { query } from '../api.js';
import { dateTime, date, money, phone } from '../format.js';
import { Loading, Pager, useLoad } from '../ui.js';
import { translator } from '../i18n.js';
import { SUPPORT_TEXTS } from '../texts/moderation.js';

const t = translator(SUPPORT_TEXTS);

const TABS: { name: SupportPageName; label: string }[] = [
  { name: 'clients', label: t('clients') },
  { name: 'orders', label: t('orders') },
  { name: 'messages', label: t('messages') },
];

export function Support({ workshopId }: { workshopId: string }) {
  const base = `/admin/workshops/${encodeURIComponent(workshopId)}/support`;
  const grant = useLoad<SupportGrantResponse>(base);
  const [tab, setTab] = useState<SupportPageName>('clients');

  return (
    <section>
      <p>
        <a href={`#/ateliers/${encodeURIComponent(workshopId)}`}>{t('back')}</a>
      </p>
      <h1>{t('title')}</h1>
      <Loading loaded={grant} />
      {grant.data && !grant.data.grant && <p className="notice">{t('notAllowed')}</p>}
      {grant.data?.grant && (
        <>
          <p className="banner" role="note">
            {t('banner', { until: dateTime(grant.data.grant.expiresAt) })}
          </p>
          <div className="tabs" role="tablist" aria-label={t('tabs')}>
            {TABS.map((item) => (
              <button key={item.name} type="button" role="tab" aria-selected={tab === item.name} onClick={() => setTab(item.name)}>
                {item.label}
              </button>
            ))}
          </div>
          {tab === 'clients' && <Clients base={base} />}
          {tab === 'orders' && <Orders base={base} />}
          {tab === 'messages' && <Messages base={base} />}
        </>
      )}
    </section>
  );
}

function Clients({ base }: { base: string }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const loaded = useLoad<SupportClientsResponse>(`${base}/clients${query({ q, page })}`);
  function search(event: FormEvent) {
    event.preventDefault();
    setQ(typed.trim());
    setPage(1);
  }
  return (
    <>
      <form className="filters" onSubmit={search} role="search">
        <div className="field grow">
          <label htmlFor="client-q">{t('searchClient')}</label>
          <input id="client-q" type="search" value={typed} placeholder={t('searchPlaceholder')} onChange={(event) => setTyped(event.target.value)} />
        </div>
        <button type="submit">{t('search')}</button>
      </form>
      <Loading loaded={loaded} />
      {loaded.data?.clients.length === 0 && <p className="muted">{t('noClient')}</p>}
      <div className="cards">
        {loaded.data?.clients.map((client) => (
          <article key={client.id} className="card" data-testid="support-client">
            <h3>{client.name}</h3>
            <p className="muted">{[client.phone ? phone(client.phone) : null, client.email, client.city].filter(Boolean).join(' · ') || t('noContact')}</p>
            <p>{t('ordersCount', { count: client.orders })}</p>
            {client.notes && <p className="notes">{client.notes}</p>}
            {client.measurements.length > 0 && (
              <dl className="measures">
                {client.measurements.map((measure) => (
                  <div key={measure.label}>
                    <dt>{measure.label}</dt>
                    <dd>
                      {measure.value} {measure.unit}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </article>
        ))}
      </div>
      {loaded.data && <Pager page={loaded.data.page} hasMore={loaded.data.hasMore} onPage={setPage} />}
    </>
  );
}

function Orders({ base }: { base: string }) {
  const [page, setPage] = useState(1);
  const loaded = useLoad<SupportOrdersResponse>(`${base}/orders${query({ page })}`);
  return (
    <>
      <Loading loaded={loaded} />
      {loaded.data?.orders.length === 0 && <p className="muted">{t('noOrder')}</p>}
      {loaded.data && loaded.data.orders.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('colNumber')}</th>
                <th>{t('colClient')}</th>
                <th>{t('colStatus')}</th>
                <th>{t('colPromised')}</th>
                <th className="num">{t('colTotal')}</th>
                <th className="num">{t('colPaid')}</th>
                <th className="num">{t('colBalance')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.orders.map((order) => (
                <tr key={order.id}>
                  <td>{order.number}</td>
                  <td>{order.clientName ?? '—'}</td>
                  <td>{order.statusLabel}</td>
                  <td>{date(order.promisedDate)}</td>
                  <td className="num">{money(order.total)}</td>
                  <td className="num">{money(order.paid)}</td>
                  <td className="num">{money(order.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loaded.data && <Pager page={loaded.data.page} hasMore={loaded.data.hasMore} onPage={setPage} />}
    </>
  );
}

function Messages({ base }: { base: string }) {
  const [page, setPage] = useState(1);
  const loaded = useLoad<SupportMessagesResponse>(`${base}/messages${query({ page })}`);
  return (
    <>
      <Loading loaded={loaded} />
      {loaded.data?.messages.length === 0 && <p className="muted">{t('noMessage')}</p>}
      <ul className="messages">
        {loaded.data?.messages.map((message) => (
          <li key={message.id} className="card">
            <p className="muted">
              {dateTime(message.createdAt)} · {message.channel} · {message.status} · {message.clientName ?? t('unknownClient')}
            </p>
            <p>{message.body}</p>
          </li>
        ))}
      </ul>
      {loaded.data && <Pager page={loaded.data.page} hasMore={loaded.data.hasMore} onPage={setPage} />}
    </>
  );
}
