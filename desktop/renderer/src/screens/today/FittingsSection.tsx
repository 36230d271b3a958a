/** Fittings of the week (Monday to Sunday), in time order. */
import { Empty } from '../../ui/components.js';
import { dateTime, day } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { fittingStatusLabel } from '../orders/labels.js';
import { href } from '../../app/router.js';
import type { FittingOfWeek } from '../../../../../shared/engine/queries/dashboardQueries.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import { telLink } from '../clients/contact.js';
import { TodaySection } from './OrderSection.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Essayages de la semaine', week: 'Semaine du {date}', call: 'Appeler',
    empty: 'Aucun essayage prévu cette semaine. Planifiez-les depuis la commande pour ne pas les oublier.',
  },
  en: {
    title: 'Fittings this week', week: 'Week of {date}', call: 'Call',
    empty: 'No fitting planned this week. Schedule them from the order so none is forgotten.',
  },
});

export function FittingsSection({ data, timezone, error, loading }: {
  data: { weekStart: string; fittings: FittingOfWeek[] } | undefined;
  timezone: string;
  error: HostErrorShape | null;
  loading: boolean;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const fittings = data?.fittings ?? [];
  return (
    <TodaySection id="fittings" title={t.title} count={data ? fittings.length : undefined} error={error} loading={loading && !data}>
      {data ? <p className="muted" style={{ marginTop: 0 }}>{fill(t.week, { date: day(data.weekStart, locale) })}</p> : null}
      <div data-testid="fittings-week">
        {fittings.length === 0 ? (
          <Empty>{t.empty}</Empty>
        ) : (
          <ul className="list order-list" aria-label={t.title}>
            {fittings.map((f) => (
              <li key={f.id}>
                <div>
                  <div className="row">
                    <strong>{dateTime(f.at, locale, timezone)}</strong>
                    <span className={`badge${f.status === 'done' ? ' ok' : f.status === 'missed' ? ' late' : ''}`}>{fittingStatusLabel(f.status, locale)}</span>
                  </div>
                  <div className="meta">
                    <a href={href(`orders/${f.orderId}`)}>{f.orderNumber}</a> · {f.clientName}
                  </div>
                  {f.note ? <div className="meta">{f.note}</div> : null}
                </div>
                <div className="side">
                  {f.clientPhone ? <a className="btn-link small" href={telLink(f.clientPhone)}>{t.call}</a> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </TodaySection>
  );
}
