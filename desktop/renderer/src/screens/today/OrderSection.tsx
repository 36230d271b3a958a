/** A card of the Today screen holding a list of orders, with a count and a useful empty state. */
import type { ReactNode } from 'react';
import { Empty, ErrorBanner, Loading } from '../../ui/components.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import type { OrderSummary } from '../../../../../shared/engine/queries/orderRows.js';
import { OrderLine } from './OrderLine.js';

export function TodaySection({ id, title, tone, count, error, loading, children }: {
  id: string;
  title: string;
  tone?: 'late' | 'soon' | 'ready';
  count?: number;
  error?: HostErrorShape | null;
  loading?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={`card today-section${tone ? ` ${tone}` : ''}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span>{title}</span>
        {count !== undefined ? <span className={`badge${tone === 'late' && count > 0 ? ' late' : tone === 'ready' ? ' ok' : ''}`}>{count}</span> : null}
      </h2>
      <ErrorBanner error={error} />
      {loading ? <Loading /> : children}
    </section>
  );
}

/** The orders of one urgency (late, due today, due within 48 h): the list, or what an empty list means. */
export function OrderSection({ id, testId, title, tone, lineTone, orders, empty, today, garments, error, loading }: {
  id: string;
  testId: string;
  title: string;
  tone?: 'late' | 'soon';
  lineTone?: 'late' | 'today';
  orders: OrderSummary[] | undefined;
  empty: string;
  today: string | undefined;
  garments: Map<string, string>;
  error?: HostErrorShape | null;
  loading?: boolean;
}) {
  return (
    <TodaySection id={id} title={title} tone={tone} count={orders?.length} error={error} loading={loading && !orders}>
      <div data-testid={testId}>
        {!orders || orders.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <ul className="list order-list" aria-label={title}>
            {orders.map((o) => <OrderLine key={o.id} order={o} garments={garments} today={today} tone={lineTone} showStatus />)}
          </ul>
        )}
      </div>
    </TodaySection>
  );
}
