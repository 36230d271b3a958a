/** The order board: open orders by status (most pressing first) and those delivered recently. */
import { useMemo, useState } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { href } from '../../app/router.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { Empty, ErrorBanner, Loading, Page } from '../../ui/components.js';
import type { OrderSummary } from '../../../../../shared/engine/queries/orderRows.js';
import type { OrderStatus } from '../../../../../shared/domain/orderStatus.js';
import { OrderCard } from './board/OrderCard.js';
import { statusLabel, workshopToday } from './labels.js';
import './orders.css';

const TEXTS = defineTexts({
  fr: {
    title: 'Commandes',
    newOrder: 'Nouvelle commande',
    delivered: 'Livrées récemment',
    none: 'Aucune commande',
    empty: 'Aucune commande en cours. Créez la première avec « Nouvelle commande » : la date promise est proposée selon la charge de l’atelier.',
    jump: 'Aller à la colonne',
    moved: '{number} est passée à « {status} ».',
    column: '{title} ({n})',
  },
  en: {
    title: 'Orders',
    newOrder: 'New order',
    delivered: 'Recently delivered',
    none: 'No orders',
    empty: 'No open orders. Create the first one with “New order”: the promised date is suggested from the workshop’s load.',
    jump: 'Go to column',
    moved: '{number} moved to “{status}”.',
    column: '{title} ({n})',
  },
});

export function OrdersScreen() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const board = useQuery('orderBoard', { deliveredDays: 7 });
  const garments = useQuery('garmentTypes');
  const settings = useQuery('settings');
  const move = useCommand('changeOrderStatus');
  const [notice, setNotice] = useState<string | null>(null);
  const garmentNames = useMemo(() => new Map((garments.data ?? []).map((g) => [g.id, g.name])), [garments.data]);
  const today = workshopToday(settings.data?.timezone);
  const canEdit = can('orders', 'update');

  async function onMove(order: OrderSummary, to: OrderStatus) {
    setNotice(null);
    if (await move.run({ id: order.id, status: to })) setNotice(fill(t.moved, { number: order.number, status: statusLabel(to, locale) }));
  }

  const actions = can('orders', 'create') ? <a className="o-btn primary" href={href('orders/new')}>{t.newOrder}</a> : null;
  if (!board.data) {
    return <Page title={t.title} actions={actions}>{board.error ? <ErrorBanner error={board.error} /> : <Loading />}</Page>;
  }
  const columns = board.data;
  const total = columns.reduce((n, c) => n + c.orders.length, 0);
  const title = (status: OrderStatus) => (status === 'delivered' ? t.delivered : statusLabel(status, locale));
  return (
    <Page title={t.title} actions={actions}>
      <ErrorBanner error={move.error} />
      {notice ? <p className="muted" role="status">{notice}</p> : null}
      {total === 0 ? <Empty>{t.empty}</Empty> : null}
      <nav className="o-board-filter" aria-label={t.jump}>
        {columns.map((c) => (
          <button key={c.status} type="button" className="small" onClick={() => document.getElementById(`column-${c.status}`)?.scrollIntoView({ behavior: 'smooth' })}>
            {fill(t.column, { title: title(c.status), n: c.orders.length })}
          </button>
        ))}
      </nav>
      <div className="board o-board">
        {columns.map((column) => (
          <section key={column.status} id={`column-${column.status}`} className="board-column" aria-labelledby={`column-title-${column.status}`} data-status={column.status}>
            <h2 id={`column-title-${column.status}`}>
              <span>{title(column.status)}</span>
              <span className="badge">{column.orders.length}</span>
            </h2>
            {column.orders.length === 0 ? (
              <p className="muted">{t.none}</p>
            ) : (
              <ul aria-label={title(column.status)}>
                {column.orders.map((order) => (
                  <OrderCard
                    key={order.id}
                    order={order}
                    garmentName={order.garmentTypeId ? garmentNames.get(order.garmentTypeId) ?? null : null}
                    today={today}
                    canEdit={canEdit}
                    busy={move.busy}
                    onMove={(o, to) => void onMove(o, to)}
                  />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </Page>
  );
}
