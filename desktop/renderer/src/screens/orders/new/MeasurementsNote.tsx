/** Says which measurement sheet the order will copy (the client's latest for this garment), with a link to take new ones. */
import { fill, useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { href } from '../../../app/router.js';
import { dateTime } from '../../../ui/format.js';
import type { MeasurementSheet } from '../../../../../../shared/engine/queries/clientQueries.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Mesures',
    pickClient: 'Choisissez d’abord le client.',
    fromOne: 'Les mesures de la fiche du {date} ({n} mesure) seront copiées dans la commande.',
    fromMany: 'Les mesures de la fiche du {date} ({n} mesures) seront copiées dans la commande.',
    none: 'Aucune fiche de mesures de ce client pour ce vêtement : la commande sera créée sans mesures.',
    take: 'Prendre les mesures',
    retake: 'Prendre de nouvelles mesures',
  },
  en: {
    title: 'Measurements',
    pickClient: 'Pick the client first.',
    fromOne: 'The measurements of the sheet of {date} ({n} measure) will be copied into the order.',
    fromMany: 'The measurements of the sheet of {date} ({n} measures) will be copied into the order.',
    none: 'No measurement sheet of this client for this garment: the order will be created without measurements.',
    take: 'Take measurements',
    retake: 'Take new measurements',
  },
});

/** « 1 mesure », « 2 mesures »: French and English both take the plural from 2 on here. */
function sheetSource(t: Readonly<Record<'fromOne' | 'fromMany', string>>, date: string, n: number): string {
  return fill(n > 1 ? t.fromMany : t.fromOne, { date, n });
}

export function MeasurementsNote({ clientId, garmentTypeId, sheet, loading, timeZone }: {
  clientId: string;
  garmentTypeId: string;
  sheet: MeasurementSheet | undefined;
  loading: boolean;
  timeZone?: string;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const link = `clients/${clientId}/measurements${garmentTypeId ? `?garment=${garmentTypeId}` : ''}`;
  return (
    <fieldset>
      <legend>{t.title}</legend>
      {!clientId ? (
        <p className="muted">{t.pickClient}</p>
      ) : loading && !sheet ? (
        <p className="muted">…</p>
      ) : (
        <>
          <p data-testid="measurements-source">
            {sheet ? sheetSource(t, dateTime(sheet.takenAt, locale, timeZone), Object.keys(sheet.values).length) : t.none}
          </p>
          <a className="o-btn small" href={href(link)}>{sheet ? t.retake : t.take}</a>
        </>
      )}
    </fieldset>
  );
}
