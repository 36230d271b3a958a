/**
 * A client's or an order's messages, newest first, each with its status as the hub last reported
 * it (en attente → envoyé → reçu, or échec with the reason in French); a message still waiting on
 * this device can be cancelled, after a confirmation.
 */
import { useId, useState } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { href } from '../../app/router.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ConfirmButton, Empty, ErrorBanner, Loading } from '../../ui/components.js';
import { dateTime, phoneDisplay } from '../../ui/format.js';
import { messageChannelLabel, messageKindLabel, messageStatusLabel } from './labels.js';
import type { MessageView } from '../../../../../shared/engine/queries/messageQueries.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Messages',
    list: 'Messages envoyés au client',
    empty: 'Aucun message pour l’instant.',
    to: 'à {to}',
    order: 'commande {number}',
    reason: 'Raison : {reason}',
    noReason: 'Raison : le serveur n’en a pas donné.',
    sentAt: 'envoyé le {when}',
    deliveredAt: 'reçu le {when}',
    parts: '{n} SMS, {credits} crédit(s)',
    waiting: 'Sur cet appareil : il partira à la prochaine synchronisation.',
    cancel: 'Annuler',
    question: 'Annuler ce message ? Il ne partira pas.',
    yes: 'Oui, annuler',
    no: 'Non',
    more: 'Voir les messages plus anciens',
  },
  en: {
    title: 'Messages',
    list: 'Messages sent to the client',
    empty: 'No messages yet.',
    to: 'to {to}',
    order: 'order {number}',
    reason: 'Reason: {reason}',
    noReason: 'Reason: the server gave none.',
    sentAt: 'sent on {when}',
    deliveredAt: 'delivered on {when}',
    parts: '{n} SMS, {credits} credit(s)',
    waiting: 'On this device: it will leave with the next sync.',
    cancel: 'Cancel',
    question: 'Cancel this message? It will not be sent.',
    yes: 'Yes, cancel',
    no: 'No',
    more: 'Show older messages',
  },
});

/** The badge's look for each status. */
const TONE: Record<string, string> = { delivered: 'ok', sent: 'ok', failed: 'late', cancelled: 'muted', queued: 'waiting', sending: 'waiting', manual: 'ok' };

export function MessageLine({ message, showOrder, timeZone }: { message: MessageView; showOrder: boolean; timeZone?: string }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const cancel = useCommand('cancelMessage');
  const m = message;
  const to = m.channel === 'email' ? m.to : phoneDisplay(m.to);
  return (
    <li className={`msg-line status-${m.status}`} data-testid="message" data-message-id={m.id} data-status={m.status}>
      <div className="spread">
        <span>
          <time dateTime={m.createdAt}>{dateTime(m.createdAt, locale, timeZone)}</time>
          {' · '}{messageChannelLabel(m.channel, locale)} {fill(t.to, { to })}
          {' · '}{messageKindLabel(m.kind, locale)}
          {showOrder && m.orderId && m.orderNumber ? <> · <a href={href(`orders/${m.orderId}`)}>{fill(t.order, { number: m.orderNumber })}</a></> : null}
        </span>
        <span className={`badge ${TONE[m.status] ?? ''}`} data-testid="message-status">{messageStatusLabel(m.status, locale)}</span>
      </div>
      <p className="msg-body">{m.body}</p>
      {m.status === 'failed' ? <p className="msg-problem" data-testid="message-failure">{m.failureReason ? fill(t.reason, { reason: m.failureReason }) : t.noReason}</p> : null}
      <p className="muted msg-facts">
        {m.status === 'queued' ? <span>{t.waiting}</span> : null}
        {m.sentAt ? <span>{fill(t.sentAt, { when: dateTime(m.sentAt, locale, timeZone) })}</span> : null}
        {m.deliveredAt ? <span>{fill(t.deliveredAt, { when: dateTime(m.deliveredAt, locale, timeZone) })}</span> : null}
        {m.channel === 'sms' && m.segments ? <span>{fill(t.parts, { n: m.segments, credits: m.credits ?? m.segments })}</span> : null}
      </p>
      {m.status === 'queued' && can('messages', 'update') ? (
        <ConfirmButton className="small danger" label={t.cancel} question={t.question} confirm={t.yes} cancel={t.no} onConfirm={() => void cancel.run({ id: m.id })} />
      ) : null}
      <ErrorBanner error={cancel.error} />
    </li>
  );
}

function HistoryList({ messages, showOrder, timeZone, title, more }: { messages: MessageView[] | undefined; showOrder: boolean; timeZone?: string; title: string; more?: () => void }) {
  const t = useTexts(TEXTS);
  const id = useId();
  return (
    <section className="card msg-history" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>{title}</h2>
      {!messages ? <Loading /> : messages.length === 0 ? <Empty>{t.empty}</Empty> : (
        <ul className="list" aria-label={t.list} data-testid="message-history">
          {messages.map((m) => <MessageLine key={m.id} message={m} showOrder={showOrder} timeZone={timeZone} />)}
        </ul>
      )}
      {more ? <button type="button" className="small" onClick={more}>{t.more}</button> : null}
    </section>
  );
}

const PAGE = 50;

export function ClientMessageHistory({ clientId, timeZone, title }: { clientId: string; timeZone?: string; title?: string }) {
  const t = useTexts(TEXTS);
  const [limit, setLimit] = useState(PAGE);
  const messages = useQuery('clientMessages', { clientId, limit });
  const full = (messages.data?.length ?? 0) >= limit && limit < 500;
  return (
    <>
      <ErrorBanner error={messages.error} />
      <HistoryList messages={messages.data} showOrder timeZone={timeZone} title={title ?? t.title} more={full ? () => setLimit(Math.min(500, limit + PAGE * 4)) : undefined} />
    </>
  );
}

export function OrderMessageHistory({ orderId, timeZone, title }: { orderId: string; timeZone?: string; title?: string }) {
  const t = useTexts(TEXTS);
  const messages = useQuery('orderMessages', { orderId });
  return (
    <>
      <ErrorBanner error={messages.error} />
      <HistoryList messages={messages.data} showOrder={false} timeZone={timeZone} title={title ?? t.title} />
    </>
  );
}
