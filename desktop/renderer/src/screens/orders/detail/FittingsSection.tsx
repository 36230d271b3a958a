/** Fittings: plan one (date and time), then mark it done or missed. */
import { useState, type FormEvent } from 'react';
import { useCommand } from '../../../app/data.js';
import { useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { ErrorBanner, Field } from '../../../ui/components.js';
import { dateTime } from '../../../ui/format.js';
import { OPEN_STATUSES } from '../../../../../../shared/domain/orderStatus.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import { fittingStatusLabel } from '../labels.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Essayages', none: 'Aucun essayage prévu.', list: 'Liste des essayages',
    at: 'Date et heure de l’essayage', plan: 'Planifier l’essayage', markDone: 'Essayage fait', markMissed: 'Client absent',
  },
  en: {
    title: 'Fittings', none: 'No fitting planned.', list: 'Fittings list',
    at: 'Fitting date and time', plan: 'Plan the fitting', markDone: 'Fitting done', markMissed: 'Client did not come',
  },
});

/** 'YYYY-MM-DDTHH:mm' typed in the device's local time → an ISO instant ('' stays '' so the engine names the missing date). */
function localToIso(value: string): string {
  const time = Date.parse(value);
  return value && !Number.isNaN(time) ? new Date(time).toISOString() : value;
}

export function FittingsSection({ order, canEdit, timeZone }: { order: OrderDetail; canEdit: boolean; timeZone?: string }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const schedule = useCommand('scheduleFitting');
  const update = useCommand('updateFitting');
  const [at, setAt] = useState('');
  const open = OPEN_STATUSES.includes(order.status);

  async function plan(event: FormEvent) {
    event.preventDefault();
    if (await schedule.run({ orderId: order.id, at: localToIso(at) })) setAt('');
  }

  return (
    <section className="card" aria-labelledby="order-fittings-title">
      <h2 id="order-fittings-title" style={{ marginTop: 0 }}>{t.title}</h2>
      {order.fittings.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul className="list" aria-label={t.list}>
          {order.fittings.map((f) => (
            <li key={f.id} className="spread" data-testid="fitting">
              <span>
                {dateTime(f.at, locale, timeZone)}{' '}
                <span className={`badge ${f.status === 'done' ? 'ok' : f.status === 'missed' ? 'late' : ''}`}>{fittingStatusLabel(f.status, locale)}</span>
                {f.note ? <small className="muted"> — {f.note}</small> : null}
              </span>
              {canEdit && f.status === 'planned' ? (
                <span className="row">
                  <button type="button" className="small" disabled={update.busy} onClick={() => void update.run({ id: f.id, status: 'done' })}>{t.markDone}</button>
                  <button type="button" className="small warn" disabled={update.busy} onClick={() => void update.run({ id: f.id, status: 'missed' })}>{t.markMissed}</button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner error={update.error} />
      {canEdit && open ? (
        <form className="o-inline-form" onSubmit={(e) => void plan(e)} noValidate>
          <Field label={t.at} name="at" type="datetime-local" value={at} error={schedule.error} onChange={(e) => setAt(e.target.value)} />
          <button type="submit" disabled={schedule.busy}>{t.plan}</button>
          {schedule.error && schedule.error.field !== 'at' ? <ErrorBanner error={schedule.error} /> : null}
        </form>
      ) : null}
    </section>
  );
}
