/**
 * Picks the order's client: instant search by name or phone, or a new client made on the spot
 * (name and phone only; the rest can wait).
 */
import { useState, type KeyboardEvent } from 'react';
import { useCommand, useQuery } from '../../../app/data.js';
import { useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { phoneDisplay } from '../../../ui/format.js';
import { ErrorBanner, Field } from '../../../ui/components.js';
import type { HostErrorShape } from '../../../../../../shared/host/channels.js';

const TEXTS = defineTexts({
  fr: {
    search: 'Rechercher un client',
    searchHint: 'Nom ou numéro de téléphone',
    results: 'Clients trouvés',
    noMatch: 'Aucun client trouvé.',
    change: 'Changer de client',
    newClient: '+ Nouveau client',
    name: 'Nom du nouveau client',
    phone: 'Téléphone du nouveau client',
    phoneHint: 'Ex. 01 97 00 00 00',
    add: 'Ajouter le client',
    cancel: 'Annuler',
  },
  en: {
    search: 'Search for a client',
    searchHint: 'Name or phone number',
    results: 'Clients found',
    noMatch: 'No client found.',
    change: 'Change client',
    newClient: '+ New client',
    name: 'New client’s name',
    phone: 'New client’s phone',
    phoneHint: 'E.g. 01 97 00 00 00',
    add: 'Add the client',
    cancel: 'Cancel',
  },
});

export function ClientPicker({ clientId, onChange, error }: { clientId: string; onChange(id: string): void; error: HostErrorShape | null }) {
  const t = useTexts(TEXTS);
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState({ name: '', phone: '' });
  const picked = useQuery('clientCard', { id: clientId }, clientId !== '');
  const found = useQuery('searchClients', { query: text.trim(), limit: 8, offset: 0 }, clientId === '' && text.trim() !== '');
  const create = useCommand('createClient');
  const invalid = error?.field === 'clientId';

  if (clientId) {
    const client = picked.data?.client;
    return (
      <div className="o-picked" data-testid="picked-client">
        <span>
          <strong>{client?.name ?? '…'}</strong> {client?.phone ? <span className="muted">{phoneDisplay(client.phone)}</span> : null}
        </span>
        <button type="button" className="small" onClick={() => onChange('')}>{t.change}</button>
      </div>
    );
  }

  function startAdding() {
    const digits = /\d/.test(text);
    setDraft({ name: digits ? '' : text.trim(), phone: digits ? text.trim() : '' });
    setAdding(true);
  }

  async function addClient() {
    const created = await create.run({ name: draft.name, phone: draft.phone || null });
    if (created) {
      setAdding(false);
      setText('');
      onChange(created.id);
    }
  }

  // Enter must not send the whole order form from these inputs.
  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const first = found.data?.[0];
    if (first) onChange(first.id);
  }
  function onDraftKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void addClient();
  }

  if (adding) {
    const fieldError = create.error?.field === 'name' || create.error?.field === 'phone' ? create.error : null;
    return (
      <div>
        <Field label={t.name} name="name" autoComplete="off" value={draft.name} error={fieldError} autoFocus
          onChange={(e) => setDraft({ ...draft, name: e.target.value })} onKeyDown={onDraftKey} />
        <Field label={t.phone} name="phone" type="tel" inputMode="tel" hint={t.phoneHint} value={draft.phone} error={fieldError}
          onChange={(e) => setDraft({ ...draft, phone: e.target.value })} onKeyDown={onDraftKey} />
        {create.error && !fieldError ? <ErrorBanner error={create.error} /> : null}
        <div className="row">
          <button type="button" className="primary" disabled={create.busy} onClick={() => void addClient()}>{t.add}</button>
          <button type="button" onClick={() => { setAdding(false); create.clearError(); }}>{t.cancel}</button>
        </div>
      </div>
    );
  }

  return (
    <div>
      <Field label={t.search} name="clientId" type="search" autoComplete="off" hint={t.searchHint} value={text} error={invalid ? error : null}
        onChange={(e) => setText(e.target.value)} onKeyDown={onSearchKey} />
      {text.trim() && found.data ? (
        found.data.length === 0 ? (
          <p className="muted">{t.noMatch}</p>
        ) : (
          <ul className="o-picker-results" aria-label={t.results}>
            {found.data.map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => onChange(c.id)}>
                  <strong>{c.name}</strong>
                  <span className="muted">{phoneDisplay(c.phone)}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <button type="button" onClick={startAdding}>{t.newClient}</button>
    </div>
  );
}
