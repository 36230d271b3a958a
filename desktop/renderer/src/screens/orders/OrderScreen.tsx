/**
 * An order's page: what it is, its money, its status and the moves allowed, photos, measurements,
 * payments (record, reverse), fittings, edits, documents (PDF), messages to the client about it
 * (with their statuses, the composer and the tracking link) and its history.
 */
import { useMemo, useState } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { href, navigate } from '../../app/router.js';
import { fill, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ConfirmButton, ErrorBanner, Loading, Page } from '../../ui/components.js';
import { OrderFacts } from './detail/OrderFacts.js';
import { StatusMoves } from './detail/StatusMoves.js';
import { OrderPhotos } from './detail/OrderPhotos.js';
import { MeasurementsTable } from './detail/MeasurementsTable.js';
import { PaymentsSection } from './detail/PaymentsSection.js';
import { FittingsSection } from './detail/FittingsSection.js';
import { EditOrderForm } from './detail/EditOrderForm.js';
import { OrderHistory } from './detail/OrderHistory.js';
import { useOrderHistory } from './detail/useOrderHistory.js';
import { DocumentsPanel } from './detail/DocumentsPanel.js';
import { OrderMessages } from '../messages/OrderMessages.js';
import { workshopToday } from './labels.js';
import './orders.css';

const TEXTS = defineTexts({
  fr: {
    title: 'Commande', titleOf: 'Commande {number}', back: '← Toutes les commandes', edit: 'Modifier', remove: 'Supprimer la commande',
    removeQuestion: 'Supprimer cette commande ? Elle n’a aucun paiement.', yesRemove: 'Oui, supprimer', no: 'Non',
  },
  en: {
    title: 'Order', titleOf: 'Order {number}', back: '← All orders', edit: 'Edit', remove: 'Delete the order',
    removeQuestion: 'Delete this order? It has no payment.', yesRemove: 'Yes, delete', no: 'No',
  },
});

export function OrderScreen({ id }: { id: string }) {
  const t = useTexts(TEXTS);
  const can = useCan();
  const detail = useQuery('orderDetail', { id });
  const settings = useQuery('settings');
  const garments = useQuery('garmentTypes');
  const members = useQuery('members');
  const remove = useCommand('deleteOrder');
  const [editing, setEditing] = useState(false);
  const memberNames = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  const history = useOrderHistory(id, detail.data?.historyComplete);

  const order = detail.data;
  if (!order) {
    return (
      <Page title={t.title}>
        {detail.error ? <ErrorBanner error={detail.error} /> : <Loading />}
        <p><a href={href('orders')}>{t.back}</a></p>
      </Page>
    );
  }
  const timeZone = settings.data?.timezone;
  const garment = garments.data?.find((g) => g.id === order.garmentTypeId);
  const canEdit = can('orders', 'update');
  const actions = canEdit ? (
    <>
      {!editing ? <button type="button" onClick={() => setEditing(true)}>{t.edit}</button> : null}
      {order.payments.length === 0 && can('orders', 'delete') ? (
        <ConfirmButton label={t.remove} question={t.removeQuestion} confirm={t.yesRemove} cancel={t.no}
          onConfirm={() => void remove.run({ id: order.id }).then((done) => done && navigate('orders'))} />
      ) : null}
    </>
  ) : undefined;

  return (
    <Page title={fill(t.titleOf, { number: order.number })} actions={actions}>
      <p><a href={href('orders')}>{t.back}</a></p>
      <ErrorBanner error={remove.error} />
      {editing ? <EditOrderForm order={order} onClose={() => setEditing(false)} /> : null}
      <div className="o-columns">
        <div>
          <OrderFacts order={order} today={workshopToday(timeZone)} timeZone={timeZone} />
          {canEdit ? <StatusMoves orderId={order.id} status={order.status} /> : null}
          <PaymentsSection order={order} canRecord={can('payments', 'create')} canReverse={can('payments', 'delete')} />
          <DocumentsPanel order={order} settings={settings.data} garment={garment} />
        </div>
        <div>
          <OrderPhotos fabricPhoto={order.fabricPhoto} modelPhoto={order.modelPhoto} />
          <MeasurementsTable order={order} garment={garment} />
          <FittingsSection order={order} canEdit={can('fittings', 'update')} timeZone={timeZone} />
          <OrderMessages order={order} timeZone={timeZone} />
          <OrderHistory events={order.events} memberNames={memberNames} timeZone={timeZone}
            load={order.historyComplete ? undefined : history.state} onRetry={history.retry} />
        </div>
      </div>
    </Page>
  );
}
