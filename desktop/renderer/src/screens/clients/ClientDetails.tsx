/**
 * A client's contact details, edited in place, with call / WhatsApp / SMS buttons and deletion.
 * The WhatsApp button stays free (the phone's own WhatsApp) and is noted in the client's messages.
 */
import { useState } from 'react';
import { ConfirmButton, ErrorBanner } from '../../ui/components.js';
import { dateTime, phoneDisplay } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan, useSession } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { channelLabel, genderLabel } from './clientOptions.js';
import { navigate } from '../../app/router.js';
import { useCommand } from '../../app/data.js';
import { ClientForm, clientInput, clientValues, type ClientValues } from './ClientForm.js';
import { OptOutSwitch } from '../messages/ClientMessages.js';
import { WhatsAppOpenLink } from '../messages/WhatsAppOpenLink.js';
import { smsLink, telLink } from './contact.js';
import { whatsappNumber } from '../../../../../shared/messaging/recipients.js';
import type { ClientCard } from '../../../../../shared/engine/queries/clientQueries.js';

const TEXTS = defineTexts({
  fr: {
    contact: 'Coordonnées', call: 'Appeler', whatsapp: 'WhatsApp', sms: 'SMS', edit: 'Modifier les coordonnées', save: 'Enregistrer les modifications',
    phone: 'Téléphone', whatsappNumber: 'WhatsApp', email: 'E-mail', gender: 'Genre', channel: 'Canal préféré', notes: 'Notes', since: 'Client depuis',
    noNumber: 'Aucun numéro : ajoutez-en un pour pouvoir appeler ou prévenir le client.',
    message: 'Bonjour {client}, ici {workshop}. ',
    remove: 'Supprimer le client', question: 'Supprimer ce client ? Ses mesures ne seront plus visibles.', confirm: 'Oui, supprimer', cancel: 'Annuler',
  },
  en: {
    contact: 'Contact details', call: 'Call', whatsapp: 'WhatsApp', sms: 'SMS', edit: 'Edit contact details', save: 'Save changes',
    phone: 'Phone', whatsappNumber: 'WhatsApp', email: 'Email', gender: 'Gender', channel: 'Preferred channel', notes: 'Notes', since: 'Client since',
    noNumber: 'No number: add one to be able to call or notify the client.',
    message: 'Hello {client}, this is {workshop}. ',
    remove: 'Delete the client', question: 'Delete this client? Their measurements will no longer be shown.', confirm: 'Yes, delete', cancel: 'Cancel',
  },
});

type Client = ClientCard['client'];

export function ContactButtons({ client }: { client: Client }) {
  const t = useTexts(TEXTS);
  const workshop = useSession().session?.workshop.name ?? '';
  const phone = client.phone ?? client.whatsapp;
  const wa = whatsappNumber(client);
  if (!phone || !wa) return <p className="muted">{t.noNumber}</p>;
  const text = fill(t.message, { client: client.name, workshop });
  return (
    <div className="actions fill">
      <a className="btn-link" href={telLink(phone)}>{t.call}</a>
      <WhatsAppOpenLink phone={wa} text={text} clientId={client.id}>{t.whatsapp}</WhatsAppOpenLink>
      <a className="btn-link" href={smsLink(phone, text)}>{t.sms}</a>
    </div>
  );
}

export function ClientDetails({ client }: { client: Client }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
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
            {client.gender ? (<><dt>{t.gender}</dt><dd>{genderLabel(client.gender, locale)}</dd></>) : null}
            {client.preferredChannel ? (<><dt>{t.channel}</dt><dd>{channelLabel(client.preferredChannel, locale)}</dd></>) : null}
            {client.notes ? (<><dt>{t.notes}</dt><dd style={{ whiteSpace: 'pre-line' }}>{client.notes}</dd></>) : null}
            <dt>{t.since}</dt>
            <dd>{dateTime(client.createdAt, locale)}</dd>
          </dl>
          <OptOutSwitch clientId={client.id} optedOut={client.messagesOptOut} />
          <div className="actions">
            {can('clients', 'update') ? <button type="button" onClick={() => setEditing(true)}>{t.edit}</button> : null}
            {can('clients', 'delete') ? (
              <ConfirmButton label={t.remove} question={t.question} confirm={t.confirm} cancel={t.cancel} onConfirm={() => void doRemove()} />
            ) : null}
          </div>
          <ErrorBanner error={remove.error} />
        </>
      )}
    </section>
  );
}
