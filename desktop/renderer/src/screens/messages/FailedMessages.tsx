/**
 * The messages that failed in the last 30 days, for the "needs attention" list: to whom, by which
 * channel, why (the hub's reason, in French), and a link to the order or the client to fix it.
 */
import { useQuery } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { href } from '../../app/router.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { dateTime } from '../../ui/format.js';
import { messageChannelLabel, messageKindLabel } from './labels.js';

const TEXTS = defineTexts({
  fr: {
    line: '{channel} à {client} ({kind}, {when}) non envoyé : {reason}',
    noReason: 'raison inconnue',
    someone: 'un client',
    open: 'Voir',
  },
  en: {
    line: '{channel} to {client} ({kind}, {when}) not sent: {reason}',
    noReason: 'unknown reason',
    someone: 'a client',
    open: 'Open',
  },
});

export function FailedMessages() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const failed = useQuery('failedMessages');
  return (
    <>
      {(failed.data ?? []).map((m) => (
        <li key={m.id} className="failed-message" data-testid="failed-message" data-message-id={m.id}>
          {fill(t.line, {
            channel: messageChannelLabel(m.channel, locale),
            client: m.clientName ?? t.someone,
            kind: messageKindLabel(m.kind, locale),
            when: dateTime(m.createdAt, locale),
            reason: m.failureReason ?? t.noReason,
          })}{' '}
          <a href={href(m.orderId ? `orders/${m.orderId}` : `clients/${m.clientId}`)}>{t.open}</a>
        </li>
      ))}
    </>
  );
}
