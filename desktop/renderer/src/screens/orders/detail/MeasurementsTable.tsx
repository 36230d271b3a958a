/** The measurements the order is cut with (a copy of the sheet at creation), with their labels and unit. */
import { useLocale, useTexts } from '../../../app/locale.js';
import { intlLocale } from '../../../ui/format.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import { href } from '../../../app/router.js';
import { fieldLabel } from '../../../../../../shared/domain/measurementCatalogue.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import type { GarmentType } from '../../../../../../shared/engine/queries/settingsQueries.js';

const TEXTS = defineTexts({
  fr: { title: 'Mesures de la commande', none: 'Cette commande a été créée sans mesures.', take: 'Prendre les mesures du client', unitCm: 'Unité : cm', unitIn: 'Unité : pouces' },
  en: { title: 'Order measurements', none: 'This order was created without measurements.', take: 'Take the client’s measurements', unitCm: 'Unit: cm', unitIn: 'Unit: inches' },
});

export function MeasurementsTable({ order, garment }: { order: OrderDetail; garment: GarmentType | undefined }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const snapshot = order.measurements;
  const order_ = garment ? [...garment.measurementFields, ...garment.customFields.map((f) => f.key)] : [];
  const keys = snapshot ? [...order_.filter((k) => k in snapshot.values), ...Object.keys(snapshot.values).filter((k) => !order_.includes(k))] : [];
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
  return (
    <section className="card" aria-labelledby="order-measures-title">
      <h2 id="order-measures-title" style={{ marginTop: 0 }}>{t.title}</h2>
      {!snapshot || keys.length === 0 ? (
        <>
          <p className="muted">{t.none}</p>
          <a className="o-btn small" href={href(`clients/${order.clientId}/measurements${order.garmentTypeId ? `?garment=${order.garmentTypeId}` : ''}`)}>{t.take}</a>
        </>
      ) : (
        <>
          <p className="muted">{snapshot.unit === 'in' ? t.unitIn : t.unitCm}</p>
          <table className="o-measures" data-testid="order-measurements">
            <tbody>
              {keys.map((key) => (
                <tr key={key}>
                  <th scope="row">{fieldLabel(key, locale, garment?.customFields)}</th>
                  <td>{number.format(snapshot.values[key]!)} {snapshot.unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
