/**
 * Today: the screen that exists to end missed delivery dates. Most urgent first: late orders,
 * due today, due within 48 hours, ready but not collected, fittings, unpaid balances, the month.
 */
import { Page } from '../../ui/components.js';
import { day } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { href } from '../../app/router.js';
import { useQuery } from '../../app/data.js';
import { useGarmentNames } from './OrderLine.js';
import { OrderSection } from './OrderSection.js';
import { ReadySection } from './ReadySection.js';
import { FittingsSection } from './FittingsSection.js';
import { UnpaidSection } from './UnpaidSection.js';
import { MonthSection } from './MonthSection.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Aujourd’hui', titleOf: 'Aujourd’hui — {date}', newOrder: 'Nouvelle commande', clients: 'Clients',
    late: 'En retard', lateEmpty: 'Aucune commande en retard. Bravo, toutes les promesses sont tenues.',
    dueToday: 'À livrer aujourd’hui', dueTodayEmpty: 'Rien à livrer aujourd’hui.',
    due48h: 'À livrer dans les 48 heures', due48hEmpty: 'Rien à livrer demain ni après-demain.',
    summary: '{late} en retard · {today} aujourd’hui · {soon} sous 48 h',
  },
  en: {
    title: 'Today', titleOf: 'Today — {date}', newOrder: 'New order', clients: 'Clients',
    late: 'Late', lateEmpty: 'No late order. Well done, every promise is kept.',
    dueToday: 'Due today', dueTodayEmpty: 'Nothing to deliver today.',
    due48h: 'Due within 48 hours', due48hEmpty: 'Nothing to deliver tomorrow or the day after.',
    summary: '{late} late · {today} today · {soon} within 48 h',
  },
});

export function TodayScreen() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const garments = useGarmentNames();
  const due = useQuery('dueOrders');
  const ready = useQuery('readyNotCollected');
  const unpaid = useQuery('unpaidBalances');
  const fittings = useQuery('fittingsOfWeek');
  const settings = useQuery('settings');
  const timezone = settings.data?.timezone ?? 'Africa/Porto-Novo';
  const today = due.data?.today;
  const d = due.data;

  return (
    <Page
      title={today ? fill(t.titleOf, { date: day(today, locale) }) : t.title}
      actions={
        <>
          <a className="btn-link" href={href('clients')}>{t.clients}</a>
          {can('orders', 'create') ? <a className="btn-link primary" href={href('orders/new')}>{t.newOrder}</a> : null}
        </>
      }
    >
      {d ? (
        <p className={d.late.length > 0 ? 'today-summary alert' : 'today-summary muted'} role="status" data-testid="today-summary">
          {fill(t.summary, { late: d.late.length, today: d.dueToday.length, soon: d.dueWithin48h.length })}
        </p>
      ) : null}
      <div className="grid two">
        <div>
          <OrderSection id="late" testId="late-orders" title={t.late} tone="late" lineTone="late" orders={d?.late} empty={t.lateEmpty} today={today} garments={garments} error={due.error} loading={due.loading} />
          <OrderSection id="due-today" testId="due-today" title={t.dueToday} tone="soon" lineTone="today" orders={d?.dueToday} empty={t.dueTodayEmpty} today={today} garments={garments} loading={due.loading} />
          <OrderSection id="due-48h" testId="due-48h" title={t.due48h} orders={d?.dueWithin48h} empty={t.due48hEmpty} today={today} garments={garments} loading={due.loading} />
          <ReadySection orders={ready.data} garments={garments} today={today} timezone={timezone} error={ready.error} loading={ready.loading} />
        </div>
        <div>
          <FittingsSection data={fittings.data} timezone={timezone} error={fittings.error} loading={fittings.loading} />
          <UnpaidSection data={unpaid.data} garments={garments} today={today} error={unpaid.error} loading={unpaid.loading} />
          <MonthSection thisMonth={today?.slice(0, 7)} />
        </div>
      </div>
    </Page>
  );
}
