/** Ready garments not collected yet: how long they have waited, and a WhatsApp reminder. */
import { Empty } from '../../ui/components.js';
import { money } from '../../ui/format.js';
import { useLocale, useTexts } from '../../app/locale.js';
import { useSession } from '../../app/session.js';
import { useQuery } from '../../app/data.js';
import { diffDays, todayIn } from '../../../../../shared/domain/calendar.js';
import type { OrderSummary } from '../../../../../shared/engine/queries/orderRows.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import { whatsappLink } from '../clients/contact.js';
import { OrderLine, garmentOf } from './OrderLine.js';
import { TodaySection } from './OrderSection.js';

const TEXTS = {
  fr: {
    title: 'Prêtes, pas encore récupérées', empty: 'Aucun vêtement prêt n’attend son client.',
    remind: 'Rappel WhatsApp', remindTo: (c: string) => `Rappel WhatsApp à ${c}`, noPhone: 'Pas de numéro',
    waiting: (n: number) => (n <= 0 ? 'Prête depuis aujourd’hui' : n === 1 ? 'Prête depuis hier' : `Prête depuis ${n} jours`),
    message: (client: string, number: string, garment: string, workshop: string, due: string | null) =>
      `Bonjour ${client}, votre commande n° ${number}${garment ? ` (${garment})` : ''} est prête. ` +
      `Vous pouvez passer la récupérer.${due ? ` Reste à payer : ${due}.` : ''} Merci ! — ${workshop}`,
  },
  en: {
    title: 'Ready, not collected yet', empty: 'No finished garment is waiting for its client.',
    remind: 'WhatsApp reminder', remindTo: (c: string) => `WhatsApp reminder to ${c}`, noPhone: 'No number',
    waiting: (n: number) => (n <= 0 ? 'Ready since today' : n === 1 ? 'Ready since yesterday' : `Ready for ${n} days`),
    message: (client: string, number: string, garment: string, workshop: string, due: string | null) =>
      `Hello ${client}, your order no. ${number}${garment ? ` (${garment})` : ''} is ready. ` +
      `You can come and collect it.${due ? ` Balance due: ${due}.` : ''} Thank you! — ${workshop}`,
  },
};

/** Order details are fetched (for the day it became ready) for this many lines at most. */
const DETAILED = 30;

function Waiting({ orderId, today, timezone, enabled }: { orderId: string; today: string | undefined; timezone: string; enabled: boolean }) {
  const t = useTexts(TEXTS);
  const detail = useQuery('orderDetail', { id: orderId }, enabled);
  const readyAt = detail.data?.events.filter((e) => e.type === 'status' && e.data.to === 'ready').at(-1)?.at;
  if (!readyAt || !today) return null;
  const days = diffDays(todayIn(timezone, new Date(readyAt)), today);
  return <span className={`badge${days >= 3 ? ' late' : ''}`} data-testid="ready-waiting">{t.waiting(days)}</span>;
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
              const text = t.message(o.clientName, o.number, garmentOf(o, garments), workshop, o.balance > 0 ? money(o.balance, locale) : null);
              return (
                <OrderLine key={o.id} order={o} garments={garments}>
                  <Waiting orderId={o.id} today={today} timezone={timezone} enabled={i < DETAILED} />
                  {o.clientPhone ? (
                    <a className="btn-link whatsapp small" href={whatsappLink(o.clientPhone, text)} target="_blank" rel="noopener noreferrer" aria-label={t.remindTo(o.clientName)}>
                      {t.remind}
                    </a>
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
