/** Ready garments not collected yet: how long they have waited, and a WhatsApp reminder (noted in the client's history). */
import { Empty } from '../../ui/components.js';
import { money } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { useSession } from '../../app/session.js';
import { useQuery } from '../../app/data.js';
import { diffDays, todayIn } from '../../../../../shared/domain/calendar.js';
import type { OrderSummary } from '../../../../../shared/engine/queries/orderRows.js';
import { whatsappNumber } from '../../../../../shared/messaging/recipients.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import { WhatsAppOpenLink } from '../messages/WhatsAppOpenLink.js';
import { OrderLine, garmentOf } from './OrderLine.js';
import { TodaySection } from './OrderSection.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Prêtes, pas encore récupérées', empty: 'Aucun vêtement prêt n’attend son client.',
    remind: 'Rappel WhatsApp', remindTo: 'Rappel WhatsApp à {client}', noPhone: 'Pas de numéro',
    waitingToday: 'Prête depuis aujourd’hui', waitingYesterday: 'Prête depuis hier', waitingDays: 'Prête depuis {n} jours',
    message: 'Bonjour {client}, votre commande n° {number}{garment} est prête. Vous pouvez passer la récupérer.{due} Merci ! — {workshop}',
    messageGarment: ' ({garment})',
    messageDue: ' Reste à payer : {due}.',
  },
  en: {
    title: 'Ready, not collected yet', empty: 'No finished garment is waiting for its client.',
    remind: 'WhatsApp reminder', remindTo: 'WhatsApp reminder to {client}', noPhone: 'No number',
    waitingToday: 'Ready since today', waitingYesterday: 'Ready since yesterday', waitingDays: 'Ready for {n} days',
    message: 'Hello {client}, your order no. {number}{garment} is ready. You can come and collect it.{due} Thank you! — {workshop}',
    messageGarment: ' ({garment})',
    messageDue: ' Balance due: {due}.',
  },
});

/** Order details are fetched (for the day it became ready) for this many lines at most. */
const DETAILED = 30;

function Waiting({ orderId, today, timezone, enabled }: { orderId: string; today: string | undefined; timezone: string; enabled: boolean }) {
  const t = useTexts(TEXTS);
  const detail = useQuery('orderDetail', { id: orderId }, enabled);
  const readyAt = detail.data?.events.filter((e) => e.type === 'status' && e.data.to === 'ready').at(-1)?.at;
  if (!readyAt || !today) return null;
  const days = diffDays(todayIn(timezone, new Date(readyAt)), today);
  return <span className={`badge${days >= 3 ? ' late' : ''}`} data-testid="ready-waiting">{days <= 0 ? t.waitingToday : days === 1 ? t.waitingYesterday : fill(t.waitingDays, { n: days })}</span>;
}

export function ReadySection({ orders, garments, today, timezone, error, loading }: {
  orders: OrderSummary[] | undefined;
  garments: Map<string, string>;
  today: string | undefined;
  timezone: string;
  error: HostErrorShape | null;
  loading: boolean;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const workshop = useSession().session?.workshop.name ?? '';
  return (
    <TodaySection id="ready" title={t.title} tone="ready" count={orders?.length} error={error} loading={loading && !orders}>
      <div data-testid="ready-orders">
        {!orders || orders.length === 0 ? (
          <Empty>{t.empty}</Empty>
        ) : (
          <ul className="list order-list" aria-label={t.title}>
            {orders.map((o, i) => {
              const garment = garmentOf(o, garments);
              const text = fill(t.message, {
                client: o.clientName,
                number: o.number,
                garment: garment ? fill(t.messageGarment, { garment }) : '',
                due: o.balance > 0 ? fill(t.messageDue, { due: money(o.balance, locale) }) : '',
                workshop,
              });
              // The number the client's history will name (recordWhatsAppOpened): the same rule.
              const whatsapp = whatsappNumber({ phone: o.clientPhone, whatsapp: o.clientWhatsapp });
              return (
                <OrderLine key={o.id} order={o} garments={garments}>
                  <Waiting orderId={o.id} today={today} timezone={timezone} enabled={i < DETAILED} />
                  {whatsapp ? (
                    <WhatsAppOpenLink className="btn-link whatsapp small" phone={whatsapp} text={text} clientId={o.clientId} orderId={o.id}
                      label={fill(t.remindTo, { client: o.clientName })}>
                      {t.remind}
                    </WhatsAppOpenLink>
                  ) : <span className="muted">{t.noPhone}</span>}
                </OrderLine>
              );
            })}
          </ul>
        )}
      </div>
    </TodaySection>
  );
}
