/** Clients: instant search (name without accents, any part of the phone) and the new-client form. */
import { useEffect, useState } from 'react';
import { Page, ErrorBanner, Empty, Loading } from '../../ui/components.js';
import { phoneDisplay } from '../../ui/format.js';
import { fill, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { href, navigate, type Route } from '../../app/router.js';
import { useCommand, useQuery } from '../../app/data.js';
import { ClientForm, EMPTY_CLIENT, clientInput, type ClientValues } from './ClientForm.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Clients', add: 'Nouveau client', newTitle: 'Nouveau client', save: 'Enregistrer le client',
    search: 'Rechercher un client', searchHint: 'Nom ou numéro (n’importe quelle partie)', placeholder: 'Ex. Adjovi ou 97 00',
    none: 'Aucun client pour l’instant. Ajoutez le premier avec « Nouveau client » : ses mesures et ses commandes seront au même endroit.',
    noMatch: 'Aucun client ne correspond à « {query} ». Vérifiez l’orthographe, essayez une partie du numéro, ou créez-le.',
    more: 'Afficher plus de clients', noPhone: 'pas de numéro', results: 'Liste des clients',
  },
  en: {
    title: 'Clients', add: 'New client', newTitle: 'New client', save: 'Save the client',
    search: 'Search for a client', searchHint: 'Name or number (any part of it)', placeholder: 'E.g. Adjovi or 97 00',
    none: 'No clients yet. Add the first one with “New client”: their measurements and orders will be in one place.',
    noMatch: 'No client matches “{query}”. Check the spelling, try part of the number, or create them.',
    more: 'Show more clients', noPhone: 'no number', results: 'Client list',
  },
});

const PAGE = 50;

/** The value, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ClientsScreen({ route }: { route: Route }) {
  const t = useTexts(TEXTS);
  const canCreate = useCan()('clients', 'create');
  const [text, setText] = useState(route.query.get('q') ?? '');
  const [limit, setLimit] = useState(PAGE);
  const [adding, setAdding] = useState(route.query.get('new') === '1');
  const query = useDebounced(text.trim(), 150);
  useEffect(() => setLimit(PAGE), [query]);
  const list = useQuery('searchClients', { query, limit, offset: 0 });
  const create = useCommand('createClient');

  const save = async (values: ClientValues) => {
    const created = await create.run(clientInput(values));
    if (!created) return false;
    navigate(`clients/${created.id}`);
    return true;
  };

  const clients = list.data ?? [];
  return (
    <Page
      title={t.title}
      actions={canCreate ? (
        <button type="button" className="primary" aria-expanded={adding} onClick={() => { setAdding(!adding); create.clearError(); }}>
          {t.add}
        </button>
      ) : undefined}
    >
      {adding && canCreate ? (
        <section className="card" aria-labelledby="new-client-title">
          <h2 id="new-client-title">{t.newTitle}</h2>
          <ClientForm idPrefix="new-client" initial={EMPTY_CLIENT} submitLabel={t.save} busy={create.busy} error={create.error} onSubmit={save} onCancel={() => setAdding(false)} />
        </section>
      ) : null}
      <div className="field search-box">
        <label htmlFor="client-search"><strong>{t.search}</strong></label>
        <input
          id="client-search" type="search" value={text} placeholder={t.placeholder} autoComplete="off"
          aria-describedby="client-search-hint" onChange={(e) => setText(e.target.value)}
        />
        <small id="client-search-hint">{t.searchHint}</small>
      </div>
      <ErrorBanner error={list.error} />
      {list.data === undefined ? (
        list.loading ? <Loading /> : null
      ) : clients.length === 0 ? (
        <Empty>{query ? fill(t.noMatch, { query }) : t.none}</Empty>
      ) : (
        <ul className="list client-list card" aria-label={t.results} data-testid="client-list" aria-busy={list.loading || undefined}>
          {clients.map((c) => (
            <li key={c.id}>
              <a href={href(`clients/${c.id}`)}>
                <strong>{c.name}</strong>
                <span className={c.phone ? 'amount' : 'muted'}>{c.phone ? phoneDisplay(c.phone) : t.noPhone}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {clients.length >= limit ? (
        <button type="button" onClick={() => setLimit(limit + PAGE)}>{t.more}</button>
      ) : null}
    </Page>
  );
}
