/** Every measurement sheet ever taken for the client (for one garment or all), newest first. */
import { Empty } from '../../ui/components.js';
import { dateTime } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { fieldLabel } from '../../../../../shared/domain/measurementCatalogue.js';
import type { MeasurementSheet } from '../../../../../shared/engine/queries/clientQueries.js';
import { showMeasure, type CustomFields } from './measureFields.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Historique des mesures ({n})', by: 'par {who}', none: 'Aucune fiche encore : la première enregistrée ici restera consultable, même après de nouvelles mesures.',
    noGarment: 'Sans modèle', inch: 'po', cm: 'cm', list: 'Fiches de mesures précédentes', latest: 'Dernière',
  },
  en: {
    title: 'Measurement history ({n})', by: 'by {who}', none: 'No sheet yet: the first one saved here will stay available, even after new measurements.',
    noGarment: 'No garment', inch: 'in', cm: 'cm', list: 'Previous measurement sheets', latest: 'Latest',
  },
});

export function SheetHistory({ sheets, garments, members, custom }: {
  sheets: MeasurementSheet[];
  garments: Map<string, string>;
  members: Map<string, string>;
  custom: CustomFields;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  return (
    <section className="card" aria-labelledby="sheet-history-title">
      <h2 id="sheet-history-title">{fill(t.title, { n: sheets.length })}</h2>
      {sheets.length === 0 ? (
        <Empty>{t.none}</Empty>
      ) : (
        <ol className="list" aria-label={t.list} data-testid="sheet-history">
          {sheets.map((sheet, index) => {
            const unit = sheet.unit === 'in' ? t.inch : t.cm;
            const who = sheet.takenBy ? members.get(sheet.takenBy) : undefined;
            return (
              <li key={sheet.id} data-sheet-id={sheet.id}>
                <div className="row">
                  <strong>{dateTime(sheet.takenAt, locale)}</strong>
                  {who ? <span className="muted">{fill(t.by, { who })}</span> : null}
                  <span className="badge">{sheet.garmentTypeId ? garments.get(sheet.garmentTypeId) ?? '—' : t.noGarment}</span>
                  {index === 0 ? <span className="badge ok">{t.latest}</span> : null}
                </div>
                <dl className="sheet-values">
                  {Object.entries(sheet.values).map(([key, value]) => (
                    <div key={key}>
                      <dt>{fieldLabel(key, locale, custom)}</dt>
                      <dd>{showMeasure(value, locale)} {unit}</dd>
                    </div>
                  ))}
                </dl>
                {sheet.note ? <p className="muted" style={{ margin: '0.3rem 0 0' }}>{sheet.note}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
