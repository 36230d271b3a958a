/**
 * Messages on the client card: the composer (about one of their orders, or none) and their
 * history; and, with the contact details, "the client does not want messages" (no automatic
 * message goes to them).
 */
import { useEffect, useId, useState } from 'react';
import { useCommand } from '../../app/data.js';
import { useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ErrorBanner } from '../../ui/components.js';
import { Composer, type ComposerOrder } from './Composer.js';
import { ClientMessageHistory } from './MessageHistory.js';
import './messages.css';

const TEXTS = defineTexts({
  fr: {
    optOut: 'Le client ne veut pas de messages',
    optOutHint: 'Aucun message automatique ne lui sera envoyé (commande prête, rappel d’essayage…), et ceux en attente sont annulés.',
    optedOut: 'Ce client ne reçoit aucun message automatique.',
    history: 'Messages au client',
  },
  en: {
    optOut: 'The client does not want messages',
    optOutHint: 'No automatic message will go to them (order ready, fitting reminder…), and those waiting are cancelled.',
    optedOut: 'This client receives no automatic message.',
    history: 'Messages to the client',
  },
});

/** The client's wish (`stored`: the client card's `messagesOptOut`), switched by those who may edit the client. */
export function OptOutSwitch({ clientId, optedOut: stored }: { clientId: string; optedOut: boolean }) {
  const t = useTexts(TEXTS);
  const id = useId();
  const can = useCan();
  const update = useCommand('updateClient');
  // Shown switched at once; back as it was if the engine refuses; follows a change made elsewhere.
  const [optedOut, setShown] = useState(stored);
  useEffect(() => setShown(stored), [stored]);
  const change = async (on: boolean) => {
    setShown(on);
    if (!(await update.run({ id: clientId, messagesOptOut: on }))) setShown(!on);
  };
  if (!can('clients', 'update')) return optedOut ? <p className="msg-warn">{t.optedOut}</p> : null;
  return (
    <div className="msg-optout">
      <label className="row" htmlFor={id}>
        <input id={id} type="checkbox" checked={optedOut} disabled={update.busy} aria-describedby={`${id}-hint`}
          onChange={(e) => void change(e.target.checked)} />
        {t.optOut}
      </label>
      <small id={`${id}-hint`} className="muted">{t.optOutHint}</small>
      <ErrorBanner error={update.error} />
    </div>
  );
}

export function ClientMessages({ client, orders, timeZone }: {
  client: { id: string; name: string; preferredChannel: string | null };
  orders: readonly ComposerOrder[];
  timeZone?: string;
}) {
  const t = useTexts(TEXTS);
  return (
    <div className="msg-panel" data-testid="client-messages">
      <Composer clientId={client.id} clientName={client.name} preferredChannel={client.preferredChannel} orders={orders} />
      <ClientMessageHistory clientId={client.id} timeZone={timeZone} title={t.history} />
    </div>
  );
}
