/** Messages on the order's page: the composer about this order, its tracking link, and its messages with their statuses. */
import { useQuery } from '../../app/data.js';
import { useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { Composer } from './Composer.js';
import { OrderMessageHistory } from './MessageHistory.js';
import { TrackingLink } from './TrackingLink.js';
import './messages.css';

const TEXTS = defineTexts({
  fr: { history: 'Messages de la commande' },
  en: { history: 'Messages about the order' },
});

export function OrderMessages({ order, timeZone }: { order: { id: string; clientId: string; clientName: string }; timeZone?: string }) {
  const t = useTexts(TEXTS);
  const card = useQuery('clientCard', { id: order.clientId });
  return (
    <div className="msg-panel" data-testid="order-messages">
      <OrderMessageHistory orderId={order.id} timeZone={timeZone} title={t.history} />
      {card.data ? <Composer key={order.id} clientId={order.clientId} clientName={order.clientName} preferredChannel={card.data.client.preferredChannel} orderId={order.id} /> : null}
      <TrackingLink orderId={order.id} />
    </div>
  );
}
