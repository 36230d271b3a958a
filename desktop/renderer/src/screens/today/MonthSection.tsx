/** The month's figures and a small chart of money received per day (plain CSS bars). */
import { useState } from 'react';
import { money } from '../../ui/format.js';
import { fill, useLocale, useTexts, type Locale } from '../../app/locale.js';
import { intlLocale } from '../../ui/format.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { useQuery } from '../../app/data.js';
import { TodaySection } from './OrderSection.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Ce mois-ci', created: 'Commandes créées', delivered: 'Commandes livrées', revenue: 'Encaissé', outstanding: 'Reste à encaisser',
    chart: 'Encaissements par jour', noRevenue: 'Aucun encaissement ce mois-ci : chaque acompte ou paiement enregistré apparaîtra ici, jour par jour.',
    previous: 'Mois précédent', next: 'Mois suivant', dayLabel: 'le {day} : {amount}', chartLabel: 'Encaissements par jour : {total}',
  },
  en: {
    title: 'This month', created: 'Orders created', delivered: 'Orders delivered', revenue: 'Received', outstanding: 'Still to collect',
    chart: 'Money received per day', noRevenue: 'Nothing received this month: every deposit or payment recorded will show here, day by day.',
    previous: 'Previous month', next: 'Next month', dayLabel: 'day {day}: {amount}', chartLabel: 'Money received per day: {total}',
  },
});

/** 'YYYY-MM' moved by `delta` months, as a date in the middle of that month. */
function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1 + delta, 15)).toISOString().slice(0, 10);
}

function monthName(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
}

export function MonthSection({ thisMonth }: { thisMonth: string | undefined }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const [date, setDate] = useState<string | undefined>(undefined);
  const figures = useQuery('monthFigures', date ? { date } : {});
  const f = figures.data;
  const max = f ? Math.max(0, ...f.revenueByDay) : 0;
  const title = f && f.month !== thisMonth ? monthName(f.month, locale) : t.title;
  return (
    <TodaySection id="month" title={title} error={figures.error} loading={figures.loading && !f}>
      {f ? (
        <>
          <p className="muted" style={{ marginTop: 0 }}>{monthName(f.month, locale)}</p>
          <dl className="figures" data-testid="month-figures">
            <div><dt>{t.created}</dt><dd data-testid="month-created">{f.ordersCreated}</dd></div>
            <div><dt>{t.delivered}</dt><dd data-testid="month-delivered">{f.ordersDelivered}</dd></div>
            <div><dt>{t.revenue}</dt><dd data-testid="month-revenue">{money(f.revenueReceived, locale)}</dd></div>
            <div><dt>{t.outstanding}</dt><dd data-testid="month-outstanding">{money(f.outstanding, locale)}</dd></div>
          </dl>
          <h3 style={{ fontSize: '0.95rem', margin: '0.9rem 0 0.4rem' }}>{t.chart}</h3>
          {max > 0 ? (
            <>
              <div className="chart" role="img" aria-label={fill(t.chartLabel, { total: money(f.revenueReceived, locale) })} data-testid="revenue-chart">
                {f.revenueByDay.map((amount, i) => (
                  <div key={i} title={fill(t.dayLabel, { day: i + 1, amount: money(amount, locale) })} style={{ height: `${(amount / max) * 100}%`, opacity: amount > 0 ? 1 : 0.25 }} />
                ))}
              </div>
              <div className="chart-days" aria-hidden="true">
                <span>1</span>
                <span>{Math.ceil(f.revenueByDay.length / 2)}</span>
                <span>{f.revenueByDay.length}</span>
              </div>
            </>
          ) : (
            <p className="empty">{t.noRevenue}</p>
          )}
          <div className="actions">
            <button type="button" className="small" onClick={() => setDate(shiftMonth(f.month, -1))}>{t.previous}</button>
            {f.month !== thisMonth ? <button type="button" className="small" onClick={() => setDate(shiftMonth(f.month, 1))}>{t.next}</button> : null}
          </div>
        </>
      ) : null}
    </TodaySection>
  );
}
