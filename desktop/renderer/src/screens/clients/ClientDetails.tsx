/** A client's contact details, edited in place, with call / WhatsApp / SMS buttons and deletion. */
import { useState } from 'react';
import { ConfirmButton, ErrorBanner } from '../../ui/components.js';
import { dateTime, phoneDisplay } from '../../ui/format.js';
import { useLocale, useTexts } from '../../app/locale.js';
import { useRole, useSession } from '../../app/session.js';
import { navigate } from '../../app/router.js';
import { useCommand } from '../../app/data.js';
import { ClientForm, clientInput, clientValues, type ClientValues } from './ClientForm.js';
import { smsLink, telLink, whatsappLink } from './contact.js';
import type { ClientCard } from '../../../../../shared/engine/queries/clientQueries.js';

const TEXTS = {
  fr: {
    contact: 'Coordonnées', call: 'Appeler', whatsapp: 'WhatsApp', sms: 'SMS', edit: 'Modifier les coordonnées', save: 'Enregistrer les modifications',
    phone: 'Téléphone', whatsappNumber: 'WhatsApp', email: 'E-mail', gender: 'Genre', channel: 'Canal préféré', notes: 'Notes', since: 'Client depuis',
    noNumber: 'Aucun numéro : ajoutez-en un pour pouvoir appeler ou prévenir le client.',
    genders: { female: 'Femme', male: 'Homme', other: 'Autre' } as Record<string, string>,
    channels: { sms: 'SMS', whatsapp: 'WhatsApp', email: 'E-mail', call: 'Appel' } as Record<string, string>,
    message: (client: string, workshop: string) => `Bonjour ${client}, ici ${workshop}. `,
    remove: 'Supprimer le client', question: 'Supprimer ce client ? Ses mesures ne seront plus visibles.', confirm: 'Oui, supprimer', cancel: 'Annuler',
  },
  en: {
    contact: 'Contact details', call: 'Call', whatsapp: 'WhatsApp', sms: 'SMS', edit: 'Edit contact details', save: 'Save changes',
    phone: 'Phone', whatsappNumber: 'WhatsApp', email: 'Email', gender: 'Gender', channel: 'Preferred channel', notes: 'Notes', since: 'Client since',
    noNumber: 'No number: add one to be able to call or notify the client.',
    genders: { female: 'Female', male: 'Male', other: 'Other' } as Record<string, string>,
    channels: { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email', call: 'Call' } as Record<string, string>,
    message: (client: string, workshop: string) => `Hello ${client}, this is ${workshop}. `,
    remove: 'Delete the client', question: 'Delete this client? Their measurements will no longer be shown.', confirm: 'Yes, delete', cancel: 'Cancel',
  },
};

type Client = ClientCard['client'];

export function ContactButtons({ client }: { client: Client }) {
  const t = useTexts(TEXTS);
  const workshop = useSession().session?.workshop.name ?? '';
  const phone = client.phone ?? client.whatsapp;
  const wa = client.whatsapp ?? client.phone;
  if (!phone || !wa) return <p className="muted">{t.noNumber}</p>;
  const text = t.message(client.name, workshop);
  return (
    <div className="actions fill">
      <a className="btn-link" href={telLink(phone)}>{t.call}</a>
      <a className="btn-link whatsapp" href={whatsappLink(wa, text)} target="_blank" rel="noopener noreferrer">{t.whatsapp}</a>
      <a className="btn-link" href={smsLink(phone, text)}>{t.sms}</a>
    </div>
  );
}

export function ClientDetails({ client }: { client: Client }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const role = useRole();
  const [editing, setEditing] = useState(false);
  const update = useCommand('updateClient');
  const remove = useCommand('deleteClient');

  const save = async (values: ClientValues) => {
    const done = await update.run({ id: client.id, ...clientInput(values) });
    if (done) setEditing(false);
    return done !== null;
  };
  const doRemove = async () => {
    if (await remove.run({ id: client.id })) navigate('clients');
  };

  return (
    <section className="card" aria-labelledby="client-contact-title">
      <h2 id="client-contact-title">{t.contact}</h2>
      <ContactButtons client={client} />
      {editing ? (
        <ClientForm idPrefix="edit-client" initial={clientValues(client)} submitLabel={t.save} busy={update.busy} error={update.error} onSubmit={save} onCancel={() => { setEditing(false); update.clearError(); }} />
      ) : (
        <>
          <dl className="details" data-testid="client-details">
            <dt>{t.phone}</dt>
            <dd data-testid="client-phone">{phoneDisplay(client.phone) || '—'}</dd>
            {client.whatsapp ? (<><dt>{t.whatsappNumber}</dt><dd>{phoneDisplay(client.whatsapp)}</dd></>) : null}
            {client.email ? (<><dt>{t.email}</dt><dd>{client.email}</dd></>) : null}
            {client.gender ? (<><dt>{t.gender}</dt><dd>{t.genders[client.gender] ?? client.gender}</dd></>) : null}
            {client.preferredChannel ? (<><dt>{t.channel}</dt><dd>{t.channels[client.preferredChannel] ?? client.preferredChannel}</dd></>) : null}
            {client.notes ? (<><dt>{t.notes}</dt><dd style={{ whiteSpace: 'pre-line' }}>{client.notes}</dd></>) : null}
            <dt>{t.since}</dt>
            <dd>{dateTime(client.createdAt, locale)}</dd>
          </dl>
          <div className="actions">
            {role !== 'viewer' ? <button type="button" onClick={() => setEditing(true)}>{t.edit}</button> : null}
            {role === 'owner' ? (
              <ConfirmButton label={t.remove} question={t.question} confirm={t.confirm} cancel={t.cancel} onConfirm={() => void doRemove()} />
            ) : null}
          </div>
          <ErrorBanner error={remove.error} />
        </>
      )}
    </section>
  );
}
