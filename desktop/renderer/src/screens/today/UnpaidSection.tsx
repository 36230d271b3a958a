/** Money still owed: the total, then the orders (oldest promise first). */
import { useState } from 'react';
import { Empty } from '../../ui/components.js';
import { money } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import type { OrderSummary } from '../../../../../shared/engine/queries/orderRows.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import { OrderLine } from './OrderLine.js';
import { TodaySection } from './OrderSection.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Soldes impayés', total: 'Total à encaisser', empty: 'Aucun solde impayé : toutes les commandes sont réglées.',
    more: 'Voir les {n} commandes', less: 'Réduire la liste', list: 'Commandes avec un solde',
  },
  en: {
    title: 'Unpaid balances', total: 'Total to collect', empty: 'No unpaid balance: every order is paid.',
    more: 'Show all {n} orders', less: 'Show fewer', list: 'Orders with a balance',
  },
});

const FIRST = 8;

export function UnpaidSection({ data, garments, today, error, loading }: {
  data: { total: number; orders: OrderSummary[] } | undefined;
  garments: Map<string, string>;
  today: string | undefined;
  error: HostErrorShape | null;
  loading: boolean;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const [all, setAll] = useState(false);
  const orders = data?.orders ?? [];
  const shown = all ? orders : orders.slice(0, FIRST);
  return (
    <TodaySection id="unpaid" title={t.title} count={data ? orders.length : undefined} error={error} loading={loading && !data}>
      <p className="spread total-line">
        <span>{t.total}</span>
        <span className={`amount${data && data.total > 0 ? ' due' : ''}`} data-testid="unpaid-total">{money(data?.total ?? 0, locale)}</span>
      </p>
      <div data-testid="unpaid-orders">
        {orders.length === 0 ? (
          <Empty>{t.empty}</Empty>
        ) : (
          <ul className="list order-list" aria-label={t.list}>
            {shown.map((o) => <OrderLine key={o.id} order={o} garments={garments} today={today} showStatus />)}
          </ul>
        )}
      </div>
      {orders.length > FIRST ? (
        <button type="button" className="link" onClick={() => setAll(!all)}>{all ? t.less : fill(t.more, { n: orders.length })}</button>
      ) : null}
    </TodaySection>
  );
}
