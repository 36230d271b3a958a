/**
 * A workshop's support view, read-only, only while the owner allows it: clients (with their
 * latest measurements), orders and messages. Each page read is written to the audit log.
 */
import { useState, type FormEvent } from 'react';
import type { SupportClientsResponse, SupportGrantResponse, SupportMessagesResponse, SupportOrdersResponse, SupportPageName } from '../../../admin/support/schemas.js';
import { query } from '../api.js';
import { dateTime, date, money, phone } from '../format.js';
import { Loading, Pager, useLoad } from '../ui.js';

const TABS: { name: SupportPageName; label: string }[] = [
  { name: 'clients', label: 'Clients' },
  { name: 'orders', label: 'Commandes' },
  { name: 'messages', label: 'Messages' },
];

export function Support({ workshopId }: { workshopId: string }) {
  const base = `/admin/workshops/${encodeURIComponent(workshopId)}/support`;
  const grant = useLoad<SupportGrantResponse>(base);
  const [tab, setTab] = useState<SupportPageName>('clients');

  return (
    <section>
      <p>
        <a href={`#/ateliers/${encodeURIComponent(workshopId)}`}>← Fiche de l’atelier</a>
      </p>
      <h1>Vue d’assistance</h1>
      <Loading loaded={grant} />
      {grant.data && !grant.data.grant && <p className="notice">Le propriétaire de l’atelier n’a pas autorisé la vue d’assistance (ou son autorisation a pris fin). Il peut l’accorder pour 24 heures depuis les réglages de l’application.</p>}
      {grant.data?.grant && (
        <>
          <p className="banner" role="note">
            Lecture seule — chaque page consultée est inscrite au journal. Autorisation jusqu’à {dateTime(grant.data.grant.expiresAt)}.
          </p>
          <div className="tabs" role="tablist" aria-label="Données de l’atelier">
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
          <label htmlFor="client-q">Rechercher un client</label>
          <input id="client-q" type="search" value={typed} placeholder="Nom ou téléphone" onChange={(event) => setTyped(event.target.value)} />
        </div>
        <button type="submit">Rechercher</button>
      </form>
      <Loading loaded={loaded} />
      {loaded.data?.clients.length === 0 && <p className="muted">Aucun client.</p>}
      <div className="cards">
        {loaded.data?.clients.map((client) => (
          <article key={client.id} className="card" data-testid="support-client">
            <h3>{client.name}</h3>
            <p className="muted">{[client.phone ? phone(client.phone) : null, client.email, client.city].filter(Boolean).join(' · ') || 'Pas de coordonnées'}</p>
            <p>{client.orders} commande(s)</p>
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
      {loaded.data?.orders.length === 0 && <p className="muted">Aucune commande.</p>}
      {loaded.data && loaded.data.orders.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>N°</th>
                <th>Client</th>
                <th>Statut</th>
                <th>Promise le</th>
                <th className="num">Prix</th>
                <th className="num">Payé</th>
                <th className="num">Reste</th>
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
      {loaded.data?.messages.length === 0 && <p className="muted">Aucun message.</p>}
      <ul className="messages">
        {loaded.data?.messages.map((message) => (
          <li key={message.id} className="card">
            <p className="muted">
              {dateTime(message.createdAt)} · {message.channel} · {message.status} · {message.clientName ?? 'Client inconnu'}
            </p>
            <p>{message.body}</p>
          </li>
        ))}
      </ul>
      {loaded.data && <Pager page={loaded.data.page} hasMore={loaded.data.hasMore} onPage={setPage} />}
    </>
  );
}
