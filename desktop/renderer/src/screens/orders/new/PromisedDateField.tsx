/**
 * The promised date, suggested from the workshop's load (re-asked when the garment or the urgency
 * changes) with its reason; the user may pick another day.
 */
import { useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { useQuery } from '../../../app/data.js';
import { Field } from '../../../ui/components.js';
import { describePromisedDate } from '../../../../../../shared/domain/promisedDate.js';
import type { HostErrorShape } from '../../../../../../shared/host/channels.js';
import type { Urgency } from '../labels.js';

const TEXTS = defineTexts({
  fr: { label: 'Date promise au client', reset: 'Reprendre la date proposée', chosen: 'Date choisie à la main.', loading: 'Calcul de la date proposée…' },
  en: { label: 'Date promised to the client', reset: 'Use the suggested date', chosen: 'Date chosen by hand.', loading: 'Working out the suggested date…' },
});

export function PromisedDateField({ garmentTypeId, urgency, value, onChange, error, today }: {
  garmentTypeId: string;
  urgency: Urgency;
  /** '' while the suggestion is kept. */
  value: string;
  onChange(value: string): void;
  error: HostErrorShape | null;
  today: string;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const suggestion = useQuery('suggestPromisedDate', { garmentTypeId: garmentTypeId || null, urgency });
  const s = suggestion.data;
  return (
    <div>
      <Field
        label={t.label}
        name="promisedDate"
        type="date"
        min={today}
        value={value || s?.date || ''}
        error={error}
        onChange={(e) => onChange(e.target.value === s?.date ? '' : e.target.value)}
      />
      {s ? (
        <p className={`o-suggest${s.overloaded ? ' overloaded' : ''}`} data-testid="promised-date-reason">
          {describePromisedDate(s, locale)}
        </p>
      ) : (
        <p className="muted">{suggestion.error?.message ?? t.loading}</p>
      )}
      {value ? (
        <p className="row">
          <span className="muted">{t.chosen}</span>
          <button type="button" className="small" onClick={() => onChange('')}>{t.reset}</button>
        </p>
      ) : null}
    </div>
  );
}
